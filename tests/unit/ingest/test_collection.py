"""Collecting with checkpoints, on the memory adapter: a path read before and unchanged is not
read again, a changed one is, ``full`` reads everything, and the checkpoint commits with the
batch that completes a path, so an interrupted collect run again ends as one clean run."""

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import IngestSummary, engine
from core.ingest.collection import collect
from core.protocols.ingest import Outcome, SourceProblem
from core.protocols.trackers import Source
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES

MBOX, HYPERKITTY = MAILING_LISTS.sources
FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailing_lists"


def mail(number: int) -> str:
    return (
        f"From ann@example.com Mon Jan  1 00:00:{number:02d} 2024\n"
        f"From: Ann <ann@example.com>\nMessage-ID: <{number}@example.com>\n"
        f"Subject: message {number}\n\nbody {number}\n\n"
    )


def archive(path: Path, count: int) -> Path:
    path.write_text("".join(mail(n) for n in range(count)))
    return path


def run(
    uow: MemoryUnitOfWork, *paths: Path, full: bool = False, source: Source = MBOX
) -> IngestSummary:
    return collect(MAILING_LISTS, source, list(paths), uow, IdentityHub(uow), full=full)


def added(summary: IngestSummary) -> int:
    return summary.counts.get(MESSAGES.name, Counter())[Outcome.ADDED]


def test_an_archive_read_before_and_unchanged_is_not_read_again(tmp_path: Path) -> None:
    # given an archive collected once
    uow = MemoryUnitOfWork()
    path = archive(tmp_path / "boost.mbox", 3)
    first = run(uow, path)

    # when it is collected again
    second = run(uow, path)

    # then nothing is read, and it is reported as already read
    assert added(first) == 3
    assert (second.counts, second.files_read, second.already_read) == ({}, 0, [str(path)])


def test_a_changed_archive_is_read_again_and_only_its_new_message_is_added(tmp_path: Path) -> None:
    uow = MemoryUnitOfWork()
    path = archive(tmp_path / "boost.mbox", 3)
    run(uow, path)

    archive(path, 4)
    again = run(uow, path)

    assert dict(again.counts[MESSAGES.name]) == {Outcome.ADDED: 1, Outcome.UNCHANGED: 3}
    assert again.already_read == []


def test_full_reads_everything_again(tmp_path: Path) -> None:
    uow = MemoryUnitOfWork()
    path = archive(tmp_path / "boost.mbox", 3)
    run(uow, path)

    again = run(uow, path, full=True)

    assert dict(again.counts[MESSAGES.name]) == {Outcome.UNCHANGED: 3}
    assert again.files_read == 1


def test_a_file_that_cannot_be_read_leaves_no_checkpoint_and_is_reported_again(
    tmp_path: Path,
) -> None:
    uow = MemoryUnitOfWork()
    path = tmp_path / "notes.mbox"
    path.write_text("not an archive\n")

    first, second = run(uow, path), run(uow, path)

    assert first.problems == second.problems != []
    assert second.already_read == []
    assert dict(uow.checkpoint_rows) == {}


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe[\x00]\x00", b'{"count": 1, "results": [', b"[1, 2]"],
    ids=["utf-16", "cut-short", "no-email-objects"],
)
def test_a_file_nothing_could_be_read_from_at_a_position_is_reported_again(
    tmp_path: Path, content: bytes
) -> None:
    # given a file whose problems have positions (byte 0, line 1 column 26, item 0), and no
    # record read from it
    uow = MemoryUnitOfWork()
    path = tmp_path / "emails.json"
    path.write_bytes(content)

    # when it is collected twice
    first, second = run(uow, path, source=HYPERKITTY), run(uow, path, source=HYPERKITTY)

    # then the second run reads it again and says the same, rather than "already read"
    assert first.problems == second.problems != []
    assert second.already_read == []
    assert dict(uow.checkpoint_rows) == {}


def test_a_file_read_in_part_is_checkpointed_with_its_problems_reported_once(
    tmp_path: Path,
) -> None:
    # given a saved page of five emails and one item that is no email
    page = json.loads((FIXTURES / "hyperkitty_page.json").read_text())
    page["results"].append(7)
    path = tmp_path / "emails.json"
    path.write_text(json.dumps(page))
    uow = MemoryUnitOfWork()

    # when it is collected twice
    first, second = run(uow, path, source=HYPERKITTY), run(uow, path, source=HYPERKITTY)

    # then what could be read was read once, its problem reported then
    assert added(first) == 5 and len(first.problems) == 1
    assert second.already_read == [str(path)] and second.problems == []


def test_the_checkpoint_commits_with_the_last_batch_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given batches of two messages, and a reader that fails after the second batch
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)
    uow = MemoryUnitOfWork()
    path = archive(tmp_path / "boost.mbox", 5)

    def interrupted(path: Path, since: str | None) -> Iterator[object]:
        for number, item in enumerate(MBOX.read(path, since)):
            if number == 4:
                raise KeyboardInterrupt
            yield item

    summary = IngestSummary()
    with pytest.raises(KeyboardInterrupt):
        collect(
            MAILING_LISTS,
            Source("mbox", "", interrupted, MBOX.suffixes),
            [path],
            uow,
            IdentityHub(uow),
            summary=summary,
        )

    # then the committed batches are stored and counted, and nothing says the file was read
    assert added(summary) == 2
    assert len([key for key in uow.state if key[0] == MESSAGES.name]) == 2
    assert dict(uow.checkpoint_rows) == {}

    # and a second, uninterrupted collect ends as one clean run would
    again = run(uow, path)
    clean = MemoryUnitOfWork()
    run(clean, path)
    assert added(again) == 3
    assert dict(uow.state) == dict(clean.state)
    assert run(uow, path).already_read == [str(path)]


def test_a_touched_file_is_read_again_and_found_unchanged(tmp_path: Path) -> None:
    uow = MemoryUnitOfWork()
    path = archive(tmp_path / "boost.mbox", 2)
    run(uow, path)
    modified = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(modified, modified))

    again = run(uow, path)

    assert dict(again.counts[MESSAGES.name]) == {Outcome.UNCHANGED: 2}


def test_a_problem_with_a_folder_entry_does_not_stop_the_others(tmp_path: Path) -> None:
    uow = MemoryUnitOfWork()
    archive(tmp_path / "a.mbox", 1)
    (tmp_path / "b.mbox").symlink_to(tmp_path / "gone.mbox")

    summary = run(uow, tmp_path)

    assert added(summary) == 1
    assert summary.problems == [
        SourceProblem(str(tmp_path / "b.mbox"), "", "a broken symbolic link")
    ]


def test_a_folder_with_no_file_of_the_sources_suffixes_is_a_problem_that_names_them(
    tmp_path: Path,
) -> None:
    # given a folder of subtitles only, collected as archives
    (tmp_path / "talk.en.vtt").write_text("WEBVTT\n")

    archives, pages = (
        run(MemoryUnitOfWork(), tmp_path),
        run(MemoryUnitOfWork(), tmp_path, source=HYPERKITTY),
    )

    # then the collect says what it looked for
    assert [problem.reason for problem in archives.problems] == [
        "no .mbox, .mbx, .txt, .mbox.gz or .txt.gz file in the folder"
    ]
    assert [problem.reason for problem in pages.problems] == ["no .json file in the folder"]
