"""The toolkit's zip reader: members streamed in place, unsafe archives refused with a reason,
nothing ever written to disk."""

import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from core.sources.archives import ArchiveError, NotAZip, open_zip, safe_name

type Tamper = Callable[[list[zipfile.ZipInfo]], None]


def archive(tmp_path: Path, members: dict[str, bytes], tamper: Tamper | None = None) -> Path:
    """A zip of ``members``; ``tamper`` edits the central directory's entries before it is
    written, as a hostile tool could."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as made:
        for name, data in members.items():
            made.writestr(name, data)
        if tamper is not None:
            tamper(made.filelist)
    return path


def refusal(path: Path, **limits: int) -> str:
    with pytest.raises(ArchiveError) as refused:
        open_zip(path, **limits)
    return refused.value.reason


def test_members_are_listed_with_their_names_and_streamed_in_place(tmp_path: Path) -> None:
    # given an archive holding a folder and two files
    path = archive(tmp_path, {"export/": b"", "export/users.json": b"[1, 2]", "a.json": b"{}"})
    before = set(os.listdir(tmp_path))

    # when it is opened and a member read, rewound and read again
    with open_zip(path) as opened:
        names = [(member.name, member.size) for member in opened.members]
        with opened.open(opened.members[0]) as stream:
            first = stream.read(3)
            stream.seek(0)
            whole = stream.read()

    # then the files are members (the folder is not), read in place with nothing extracted
    assert names == [("export/users.json", 6), ("a.json", 2)]
    assert (first, whole) == (b"[1,", b"[1, 2]")
    assert set(os.listdir(tmp_path)) == before


@pytest.mark.parametrize(
    "name",
    [
        "../users.json",
        "export/../../etc/passwd",
        "/etc/passwd",
        "C:\\Windows\\x.json",
        "a\\..\\..\\b",
    ],
)
def test_a_member_that_would_land_outside_its_folder_refuses_the_archive(
    tmp_path: Path, name: str
) -> None:
    # given an archive with a member named to escape the folder it is extracted to
    def rename(infos: list[zipfile.ZipInfo]) -> None:
        infos[1].filename = name

    path = archive(tmp_path, {"users.json": b"[]", "x.json": b"[]"}, rename)

    # then it is refused before anything is read, the member named
    reason = refusal(path)
    assert reason == f"refused: member {name!r} would land outside its folder"


def test_names_written_with_backslashes_by_windows_tools_read_as_folders() -> None:
    assert safe_name("export\\general\\2016-01-28.json") == "export/general/2016-01-28.json"
    assert safe_name("./export//users.json") == "export/users.json"


def test_a_symbolic_link_inside_the_archive_refuses_it(tmp_path: Path) -> None:
    # given an archive made on Unix whose member is a link to /etc/passwd
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as made:
        made.writestr("users.json", b"[]")
        link = zipfile.ZipInfo("channels.json")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        made.writestr(link, b"/etc/passwd")

    # then it is refused
    assert refusal(path) == "refused: member 'channels.json' is a symbolic link"


def test_a_member_that_is_a_device_refuses_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as made:
        fifo = zipfile.ZipInfo("users.json")
        fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
        made.writestr(fifo, b"")

    assert refusal(path) == "refused: member 'users.json' is not a regular file"


def test_an_archive_declaring_more_than_the_bound_expanded_is_refused(tmp_path: Path) -> None:
    # given members that declare 3,000 bytes in all, against a bound of 2,000
    path = archive(tmp_path, {f"{n}.json": b" " * 1000 for n in range(3)})

    # then the archive is refused whole, with what it declares and what is allowed
    assert refusal(path, max_expanded=2000) == (
        "refused: its members declare 3,000 bytes expanded, more than the 2,000 allowed"
    )


def test_a_member_that_expands_like_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    # given a member of 20 MB of zeros, which deflate packs a thousand times over
    path = archive(tmp_path, {"users.json": bytes(20 * 1024 * 1024)})

    # then it is refused by its ratio, before a byte of it is inflated
    reason = refusal(path)
    assert reason.startswith("refused: member 'users.json' expands ")
    assert reason.endswith("times, more than the 200 a document does: a zip bomb")


def test_members_whose_data_overlap_are_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    # given two entries of the central directory pointing at the same data, the trick that
    # lets a kilobyte declare petabytes
    def overlap(infos: list[zipfile.ZipInfo]) -> None:
        infos[1].header_offset = infos[0].header_offset

    path = archive(tmp_path, {"users.json": b"[]" * 100, "channels.json": b"[]" * 100}, overlap)

    assert refusal(path) == (
        "refused: members 'channels.json' and 'users.json' overlap in the archive: a zip bomb"
    )


def test_more_members_than_the_bound_refuse_the_archive(tmp_path: Path) -> None:
    path = archive(tmp_path, {f"{n}.json": b"[]" for n in range(5)})

    assert refusal(path, max_members=4) == (
        "refused: 5 members, more than the 4 an archive may hold"
    )


def test_data_that_expands_past_its_declared_size_is_a_corrupt_member(tmp_path: Path) -> None:
    # given a member whose central directory declares 10 bytes for 10,000 of data
    def understate(infos: list[zipfile.ZipInfo]) -> None:
        infos[0].file_size = 10

    path = archive(tmp_path, {"users.json": b"[" + b"1," * 4999 + b"1]"}, understate)

    # when it is read: no more than the 10 declared bytes come out, then the fault
    with (
        open_zip(path) as opened,
        opened.open(opened.members[0]) as stream,
        pytest.raises(ArchiveError) as fault,
    ):
        stream.read()

    assert fault.value.reason == "corrupt: its data does not match its declared size and CRC"


def test_a_truncated_member_is_a_fault_of_that_member(tmp_path: Path) -> None:
    # given an archive whose first member's compressed data was cut short on disk
    path = archive(tmp_path, {"users.json": os.urandom(50_000), "channels.json": b"[]"})
    with zipfile.ZipFile(path) as listed:
        first = listed.infolist()[0]
        start = first.header_offset + 30 + len(first.filename)
    data = bytearray(path.read_bytes())
    data[start + 100 : start + 20_000] = bytes(19_900)
    path.write_bytes(bytes(data))

    with open_zip(path) as opened:
        with pytest.raises(ArchiveError) as fault, opened.open(opened.members[0]) as stream:
            stream.read()
        # and the other member still reads
        with opened.open(opened.members[1]) as other:
            assert other.read() == b"[]"

    assert fault.value.reason.startswith(("corrupt:", "cannot be read:"))


def test_an_encrypted_member_says_so_when_opened(tmp_path: Path) -> None:
    def encrypt(infos: list[zipfile.ZipInfo]) -> None:
        infos[0].flag_bits |= 0x1

    path = archive(tmp_path, {"users.json": b"[]"}, encrypt)

    with open_zip(path) as opened, pytest.raises(ArchiveError) as fault:
        opened.open(opened.members[0])

    assert fault.value.reason == "encrypted: it cannot be read without its password"


def test_a_member_of_an_unsupported_compression_says_so_when_opened(tmp_path: Path) -> None:
    # given a member compressed with Deflate64, as Windows Explorer writes big archives
    def deflate64(infos: list[zipfile.ZipInfo]) -> None:
        infos[0].compress_type = 9

    path = archive(tmp_path, {"users.json": b"[]"}, deflate64)

    with open_zip(path) as opened, pytest.raises(ArchiveError) as fault:
        opened.open(opened.members[0])

    assert fault.value.reason.startswith("cannot be read:")


@pytest.mark.parametrize(
    "content", [b"", b"not a zip at all", b"PK\x03\x04 truncated", b"PK\x05\x06" + bytes(10)]
)
def test_a_file_that_is_no_zip_archive_is_said_to_be_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(content)

    with pytest.raises(NotAZip) as refused:
        open_zip(path)

    assert refused.value.reason.startswith("not a zip archive (")


def test_a_fifo_is_never_opened_as_an_archive(tmp_path: Path) -> None:
    fifo = tmp_path / "export.zip"
    os.mkfifo(fifo)

    with pytest.raises(OSError, match="not a regular file but a FIFO"):
        open_zip(fifo)
