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
