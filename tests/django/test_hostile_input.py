"""What a hostile tester found on main, kept fixed: input that is out of range, huge, oddly
named or not a file at all gets a clear one-line error with file, position and reason, and
what can be stored is stored."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.django_orm.github.models import Issue
from adapters.django_orm.main import bootstrap
from core.ingest.limits import TEXT_LIMIT
from core.protocols.ingest import Outcome

SCRIPT = Path(sys.executable).with_name("trackerhub")
REPO = "octo-org/hello-world"


def issue(github_id: int, number: int) -> dict[str, object]:
    return {
        "url": f"https://api.github.com/repos/{REPO}/issues/{number}",
        "repository_url": f"https://api.github.com/repos/{REPO}",
        "id": github_id,
        "number": number,
        "title": "t",
        "state": "open",
        "user": None,
    }


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'hostile.sqlite3'}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def collect(env: dict[str, str], *args: str | Path) -> tuple[int, dict[str, object], str]:
    done = subprocess.run(
        [SCRIPT, "collect", *map(str, args), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def pages(tmp_path: Path) -> list[Path]:
    """A page with integers no column holds between good issues, and a page after it."""
    first = tmp_path / "a.json"
    first.write_text(
        json.dumps(
            [issue(1, 1), issue(2**63, 2), issue(3, 2**63), issue(4, -(2**63) - 1), issue(5, 2**40)]
        )
    )
    second = tmp_path / "b.json"
    second.write_text(json.dumps([issue(6, 6)]))
    return [first, second]


def test_integers_out_of_range_are_problems_of_their_record_and_later_files_are_read(
    database: dict[str, str], tmp_path: Path
) -> None:
    status, report, _ = collect(database, "github-json", *pages(tmp_path))

    assert status == 0
    errors = report["errors"]
    assert isinstance(errors, list)
    assert [(e["file"].rsplit("/", 1)[-1], e["position"]) for e in errors] == [
        ("a.json", f"github.issue {REPO}#2"),
        ("a.json", f"github.issue {REPO}#{2**63}"),
        ("a.json", f"github.issue {REPO}#{-(2**63) - 1}"),
    ]
    assert all("is out of range: a 64-bit integer holds" in e["reason"] for e in errors)
    records = report["records"]
    assert isinstance(records, dict)
    assert records["github.issue"] == {"added": 3, "skipped": 3, "unchanged": 0, "updated": 0}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_integers_out_of_range_lose_nothing_else_of_their_batch_on_postgresql(
    tmp_path: Path,
) -> None:
    summary = bootstrap.collect("github-json", pages(tmp_path), "postgres")

    assert summary.counts["github.issue"][Outcome.ADDED] == 3
    assert summary.counts["github.issue"][Outcome.SKIPPED] == 3
    assert sorted(Issue.objects.using("postgres").values_list("number", flat=True)) == [
        1,
        6,
        2**40,
    ]


def test_a_huge_message_is_stored_cut_with_a_problem_and_read_in_bounded_memory(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given an archive whose second message has a body of 60 MB, between two small ones
    path = tmp_path / "huge.mbox"
    with path.open("w") as archive:
        for number in range(3):
            archive.write(
                f"From a@example.com Mon Jan  1 00:00:0{number} 2024\nFrom: A <a@example.com>\n"
                f"Message-ID: <{number}@example.com>\nSubject: s\n\n"
            )
            if number == 1:
                line = "x" * 1000 + "\n"
                archive.write(line * 60_000)
            archive.write("body\n\n")

    # when it is collected, its peak memory measured
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", SCRIPT, "collect", "mbox", str(path), "--json"],
        env=database,
        capture_output=True,
        text=True,
        timeout=300,
    )

    # then every message is stored, the huge one cut, with problems saying so
    report = json.loads(done.stdout)
    assert report["records"]["mailing_lists.message"] == {
        "added": 3,
        "skipped": 0,
        "unchanged": 0,
        "updated": 0,
    }
    read_only, cut = report["errors"]
    assert read_only["position"] == "message 2 (byte 114)"
    assert read_only["reason"].startswith("60,060,070 bytes, more than the 16,777,216")
    assert cut["position"] == "message <1@example.com>"
    assert cut["reason"].startswith("body is 16,7")  # what is left of 16 MiB for the body
    assert cut["reason"].endswith(
        f"characters long, more than the {TEXT_LIMIT:,} a text field holds: the rest is cut"
    )
    peak_kilobytes = int(done.stderr.strip().splitlines()[-1])
    assert peak_kilobytes < 300_000, peak_kilobytes


def test_a_name_that_is_not_utf8_is_read_and_reported_escaped(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a folder, whose name holds a Latin-1 byte, with an archive and a broken link
    folder = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/archives-\xe9"))
    folder.mkdir()
    (folder / "boost.mbox").write_text(
        "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: A <a@example.com>\n"
        "Message-ID: <1@example.com>\nSubject: s\n\nbody\n"
    )
    (folder / os.fsdecode(b"gone-\xff.mbox")).symlink_to(folder / "nowhere.mbox")

    # when it is collected
    status, report, _ = collect(database, "mbox", folder)

    # then the archive is read and the broken link reported, both names escaped
    assert status == 0
    assert report["files_read"] == 1
    assert report["errors"] == [
        {
            "file": f"{tmp_path}/archives-\\xe9/gone-\\xff.mbox",
            "position": "",
            "reason": "a broken symbolic link",
        }
    ]


@pytest.mark.parametrize("source", ["github-json", "mbox", "hyperkitty-json"])
def test_a_device_or_a_fifo_named_as_a_file_is_a_clear_error_and_nothing_hangs(
    database: dict[str, str], tmp_path: Path, source: str
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    status, report, _ = collect(database, source, "/dev/zero", fifo)

    assert status == 1
    assert report["errors"] == [
        {
            "file": "/dev/zero",
            "position": "",
            "reason": "not a regular file but a character device",
        },
        {"file": str(fifo), "position": "", "reason": "not a regular file but a FIFO (named pipe)"},
    ]


@pytest.mark.django_db(transaction=True)
def test_a_database_error_is_one_line_in_the_summary_with_its_detail_in_the_json(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # given a store that fails as PostgreSQL does, with DETAIL and HINT lines
    from django.db import DatabaseError

    from adapters.django_orm.main.management.commands.collect import render
    from adapters.django_orm.records import DjangoRecordStore

    def failing(self: object, records: object) -> int:
        raise DatabaseError("duplicate key\nDETAIL:  Key (id)=(1) exists.\nHINT:  Look.")

    monkeypatch.setattr(DjangoRecordStore, "add_many", failing)
    path = tmp_path / "boost.mbox"
    path.write_text("From a@example.com Mon Jan  1 00:00:00 2024\nMessage-ID: <1@x>\n\nbody\n")

    # when it is collected
    summary = bootstrap.collect("mbox", [path])

    # then the summary's line is one line, and the JSON holds the rest
    [line] = [line for line in render(summary).splitlines() if line.startswith("error:")]
    assert line.endswith("the batch being written was rolled back: duplicate key")
    [problem] = summary.problems
    assert problem.detail == "DETAIL:  Key (id)=(1) exists.\nHINT:  Look."
    assert summary.as_dict()["errors"] == [
        {"file": str(path), "position": "", "reason": problem.reason, "detail": problem.detail}
    ]


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://u:p@localhost/db", "names a database trackerhub does not store in"),
        ("foo://x", "is not a database URL"),
        ("postgres://u@h:notaport/d", "is not a database URL"),
    ],
)
def test_a_database_url_of_another_kind_is_one_line_saying_what_is_accepted(
    url: str, said: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = url

    done = subprocess.run([SCRIPT, "stats"], env=env, capture_output=True, text=True, timeout=60)

    assert done.returncode == 2
    assert done.stderr == (
        f"error: DATABASE_URL {url!r} {said}: use sqlite:///PATH (sqlite:////ABSOLUTE/PATH)"
        " or postgres://USER:PASSWORD@HOST:PORT/NAME\n"
    )


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["demo"], ["migrate"]])
def test_an_unknown_database_alias_is_one_line_naming_the_aliases(
    database: dict[str, str], command: list[str]
) -> None:
    done = subprocess.run(
        [SCRIPT, *command, "--database", "nope"],
        env=database,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("'nope' (choose from 'default')") or (
        done.stderr.strip()
        == "error: no such database alias; the aliases are: default (--database)"
    )
