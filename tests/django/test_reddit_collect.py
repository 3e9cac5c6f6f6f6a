"""``trackerhub collect reddit-json``: saved Reddit responses end to end through the console
script, on SQLite, on the bundled sample and the test fixtures."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.reports import errors_read_again, nothing_but_skipped

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "adapters" / "django_orm" / "reddit" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "reddit"
BROKEN = FIXTURES / "broken"
SCRIPT = Path(sys.executable).with_name("trackerhub")


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    """The environment of a console script whose database is a new, migrated SQLite file."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'reddit.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    migrated = run(env, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    return env


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``trackerhub ARGS...``, which never prints a traceback, whatever it is given."""
    done = subprocess.run(
        [SCRIPT, *map(str, args)], capture_output=True, env=env, text=True, timeout=300
    )
    for output in (done.stdout, done.stderr):
        assert "Traceback" not in output, output
    return done


def collect(env: dict[str, str], *args: str | Path) -> tuple[int, dict[str, object]]:
    done = run(env, "collect", "reddit-json", *args, "--json")
    return done.returncode, json.loads(done.stdout)


def counts(report: dict[str, object], record_type: str) -> dict[str, int]:
    records = report["records"]
    assert isinstance(records, dict)
    found: dict[str, int] = records[record_type]
    return found


@pytest.mark.parametrize("path", [SAMPLES, FIXTURES])
def test_collecting_adds_then_finds_everything_read_then_unchanged_in_full(
    database: dict[str, str], path: Path
) -> None:
    # when a folder of saved responses is collected, again, and again in full
    first_status, first = collect(database, path)
    second_status, second = collect(database, path)
    full_status, full = collect(database, path, "--full")

    # then the first run adds, the second reads again only the files nothing could be read
    # from, the full one changes nothing
    assert first_status == second_status == full_status == 0
    assert counts(first, "reddit.submission")["added"] > 0
    assert counts(first, "reddit.comment")["added"] > 0
    assert nothing_but_skipped(second)
    assert second["already_read"]
    assert second["errors"] == errors_read_again(first, second)
    records = full["records"]
    assert isinstance(records, dict)
    for outcome in records.values():
        assert outcome["added"] == outcome["updated"] == 0
    assert full["errors"] == first["errors"]


def test_stats_count_the_submissions_comments_and_reddit_profiles(
    database: dict[str, str],
) -> None:
    # given the bundled sample collected: 3 posts, 4 comments (a more stub, no record),
    # 3 people, and [deleted] and AutoModerator, who are no one
    collect(database, SAMPLES)

    # when the stats are asked for
    stats = json.loads(run(database, "stats", "--json").stdout)

    # then they count what was stored
    assert stats["records"]["reddit.submission"] == 3
    assert stats["records"]["reddit.comment"] == 4
    assert stats["profiles"]["reddit"] == 3


def test_a_newer_save_of_a_page_updates_its_scores(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a comment page collected, then saved again later with a new score
    page = tmp_path / "comments.json"
    original = (FIXTURES / "comments_1b3xk9q.json").read_text()
    page.write_text(original)
    os.utime(page, (1_709_300_000, 1_709_300_000))
    collect(database, page)
    page.write_text(original.replace('"score": 37', '"score": 41'))
    os.utime(page, (1_709_400_000, 1_709_400_000))

    # when it is collected again
    status, report = collect(database, page)

    # then the changed file is read, and its newer sighting updates every comment (each was
    # seen later), the one whose score changed with its new score
    assert status == 0
    assert counts(report, "reddit.comment") == {
        "added": 0,
        "updated": 7,
        "unchanged": 0,
        "skipped": 0,
    }
    with closing(sqlite3.connect(database["DATABASE_URL"].removeprefix("sqlite:///"))) as db:
        scores = db.execute("SELECT score FROM reddit_comment WHERE fullname = 't1_kx9f2qz'")
        assert scores.fetchall() == [(41,)]


def test_errors_name_the_file_the_position_and_the_reason(database: dict[str, str]) -> None:
    # when a listing with unreadable things is collected
    status, report = collect(database, BROKEN / "wrong_types.json")

    # then each is an error with its file, position and reason, and the rest is stored
    assert status == 0
    errors = report["errors"]
    assert isinstance(errors, list) and len(errors) == 14
    for error in errors:
        assert set(error) == {"file", "position", "reason"}
        assert error["file"].endswith("wrong_types.json")
        assert error["position"].startswith("item ")
        assert error["reason"]
    assert counts(report, "reddit.item")["skipped"] == 14
    assert counts(report, "reddit.comment")["added"] == 3


def test_nothing_readable_exits_1_with_one_line_per_file(database: dict[str, str]) -> None:
    # when only files that hold no Reddit response are collected, and a missing one
    names = ["rate_limited.json", "forbidden_private.json", "scalar.json", "github_issues.json"]
    done = run(
        database,
        "collect",
        "reddit-json",
        *(BROKEN / name for name in names),
        BROKEN / "truncated.json",
        "/no/such/page.json",
    )

    # then the exit status is 1, and each file is one error line saying where and why
    assert done.returncode == 1
    assert f"error: {BROKEN / 'rate_limited.json'}: line 1 column 1: not valid JSON" in done.stdout
    assert "403 Forbidden (private)" in done.stdout
    assert "error: /no/such/page.json: no such file or folder" in done.stdout
    assert done.stdout.count("error: ") == 6


def test_a_readable_file_among_unreadable_ones_exits_zero(database: dict[str, str]) -> None:
    # when a listing is collected with a file that is no Reddit JSON
    status, report = collect(database, SAMPLES / "r-cpp-new.json", BROKEN / "scalar.json")

    # then what could be read was, and the exit status says so
    assert status == 0
    assert report["files_read"] == 1
