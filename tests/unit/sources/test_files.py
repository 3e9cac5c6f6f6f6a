"""Finding the files a source reads: regular files only, every other entry reported, any name
the file system allows printed; and the fingerprint that tells a changed file."""

import os
import socket
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from core.sources.files import file_fingerprint, files_under, open_regular, path_text


def found(*paths: Path, suffixes: tuple[str, ...] = (".json",)) -> list[Path | SourceProblem]:
    return list(files_under(list(paths), suffixes))


def test_a_folder_is_walked_recursively_in_sorted_order_for_its_suffixes_in_any_case(
    tmp_path: Path,
) -> None:
    for name in ("b/two.json", "a.json", "c.JSON", "notes.txt", "b/deeper/three.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("[]")

    assert found(tmp_path) == [
        tmp_path / "a.json",
        tmp_path / "b" / "deeper" / "three.json",
        tmp_path / "b" / "two.json",
        tmp_path / "c.JSON",
    ]


def test_a_file_named_directly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("[]")

    assert found(tmp_path / "page.txt") == [tmp_path / "page.txt"]


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    assert found(tmp_path / "nowhere") == [
        SourceProblem(str(tmp_path / "nowhere"), "", "no such file or folder")
    ]


def test_a_fifo_named_directly_is_a_problem_and_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    assert found(fifo) == [
        SourceProblem(str(fifo), "", "not a regular file but a FIFO (named pipe)")
    ]


def test_a_device_named_directly_is_a_problem() -> None:
    assert found(Path("/dev/zero")) == [
        SourceProblem("/dev/zero", "", "not a regular file but a character device")
    ]


def test_special_files_broken_links_and_loops_in_a_folder_are_reported(tmp_path: Path) -> None:
    # given a folder holding a good file, a FIFO, a socket, a broken link and a link looping
    (tmp_path / "good.json").write_text("[]")
    os.mkfifo(tmp_path / "fifo.json")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "socket.json"))
        (tmp_path / "broken.json").symlink_to(tmp_path / "gone.json")
        (tmp_path / "loop").symlink_to(tmp_path)
        (tmp_path / "self.json").symlink_to(tmp_path / "self.json")

        # when it is walked
        entries = found(tmp_path)

    # then the file is found and every other entry is a problem naming it
    problems = {Path(p.path).name: p.reason for p in entries if isinstance(p, SourceProblem)}
    assert [e for e in entries if isinstance(e, Path)] == [tmp_path / "good.json"]
    assert problems == {
        "broken.json": "a broken symbolic link",
        "fifo.json": "not a regular file but a FIFO (named pipe)",
        "loop": "a symbolic link to a folder it is in: a loop",
        "self.json": "a symbolic link that loops back on itself",
        "socket.json": "not a regular file but a socket",
    }


def test_a_link_to_another_folder_is_followed_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "page.json").write_text("[]")
    (tmp_path / "walked").mkdir()
    (tmp_path / "walked" / "linked").symlink_to(tmp_path / "real")

    assert found(tmp_path / "walked") == [tmp_path / "walked" / "linked" / "page.json"]


def test_a_link_to_a_folder_read_under_another_name_is_an_alias_read_once(tmp_path: Path) -> None:
    # given /usr/include's shape: tk -> tcl8.6, both in the folder walked
    (tmp_path / "tcl8.6").mkdir()
    (tmp_path / "tcl8.6" / "tcl.json").write_text("[]")
    (tmp_path / "tk").symlink_to("tcl8.6")

    # when it is walked, then the file is found once and the alias is no problem
    assert found(tmp_path) == [tmp_path / "tcl8.6" / "tcl.json"]


def test_a_folder_that_cannot_be_listed_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a folder the walk may not list (root may list anything, so listing is refused here)
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.json").write_text("[]")
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)

    # then it is reported and the rest is read
    assert found(tmp_path) == [
        SourceProblem(str(tmp_path / "locked"), "", "cannot list the folder: Permission denied"),
        tmp_path / "open.json",
    ]


def test_a_name_that_is_not_utf8_is_found_and_printable(tmp_path: Path) -> None:
    # given a file whose name holds a Latin-1 byte
    name = os.fsdecode(b"caf\xe9.json")
    (tmp_path / name).write_text("[]")

    # when it is found, then its printable name escapes the byte, and it encodes as UTF-8
    [path] = found(tmp_path)
    assert isinstance(path, Path)
    assert path_text(path) == f"{tmp_path}/caf\\xe9.json"
    path_text(path).encode("utf-8")


def test_open_regular_refuses_anything_but_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")

    with pytest.raises(OSError, match="not a regular file but a FIFO"):
        open_regular(tmp_path / "fifo")
    with pytest.raises(OSError, match="not a regular file but a character device"):
        open_regular(Path("/dev/zero"))


def test_a_fingerprint_changes_with_the_content_and_the_modification_time(tmp_path: Path) -> None:
    # given a file and its fingerprint
    path = tmp_path / "a.mbox"
    path.write_bytes(b"one")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    first = file_fingerprint(path)

    # then reading it again gives the same; touching it or changing its bytes, another
    assert file_fingerprint(path) == first
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    touched = file_fingerprint(path)
    path.write_bytes(b"two")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    changed = file_fingerprint(path)
    assert len({first, touched, changed}) == 3
