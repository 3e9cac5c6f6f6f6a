"""``trackerhub collect``: every source end to end through the console script, on the bundled
sample and the test fixtures."""

import json
import os
import pty
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError

from adapters.django_orm.mailing_lists.models import MailingListMessage
from adapters.django_orm.main import bootstrap
from adapters.django_orm.main.models import Checkpoint
from adapters.django_orm.records import DjangoRecordStore
from core.ingest import engine
from core.protocols.ingest import Outcome
from tests.support.reports import errors_read_again, nothing_but_skipped

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "adapters" / "django_orm" / "mailing_lists" / "samples"
GITHUB_SAMPLES = REPO / "adapters" / "django_orm" / "github" / "samples"
FIXTURES = REPO / "tests" / "fixtures"
SCRIPT = Path(sys.executable).with_name("trackerhub")


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'collect.sqlite3'}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def collect(env: dict[str, str], *args: str | Path) -> tuple[int, dict[str, object]]:
    result = subprocess.run(
        [SCRIPT, "collect", *map(str, args), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def added(report: dict[str, object], record_type: str) -> int:
    records = report["records"]
    assert isinstance(records, dict)
    return int(records[record_type]["added"])


@pytest.mark.parametrize(
    ("source", "path", "record_type"),
    [
        ("mbox", SAMPLES / "boost.mbox", "mailing_lists.message"),
        ("mbox", FIXTURES / "mailing_lists", "mailing_lists.message"),
        ("hyperkitty-json", SAMPLES / "boost-users-hyperkitty.json", "mailing_lists.message"),
        ("github-json", GITHUB_SAMPLES / "rest", "github.issue"),
        ("github-json", FIXTURES / "github" / "rest", "github.pull_request"),
        ("git", REPO, "github.commit"),
    ],
)
def test_collecting_twice_adds_then_finds_everything_unchanged(
    database: dict[str, str], source: str, path: Path, record_type: str
) -> None:
    # when a source is collected, then read again in full
    first_status, first = collect(database, source, path)
    second_status, second = collect(database, source, path, "--full")

    # then the first run adds records and the second changes nothing
    assert first_status == second_status == 0
    assert added(first, record_type) > 0
    records = second["records"]
    assert isinstance(records, dict)
    for counts in records.values():
        assert counts["added"] == counts["updated"] == 0
    assert second["errors"] == first["errors"]


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("mbox", FIXTURES / "mailing_lists"),
        ("hyperkitty-json", SAMPLES / "boost-users-hyperkitty.json"),
        ("github-json", FIXTURES / "github" / "rest"),
        ("git", REPO),
    ],
)
def test_a_second_collect_reads_only_what_changed_and_says_what_it_skipped(
    database: dict[str, str], source: str, path: Path
) -> None:
    # given a source collected once
    _, first = collect(database, source, path)

    # when it is collected again, unchanged
    status, second = collect(database, source, path)

    # then what was read is not read again but reported as already read; a file nothing
    # could be read from is read again, and says its errors again
    assert status == 0
    assert nothing_but_skipped(second)
    assert second["already_read"]
    already_read, first_errors = second["already_read"], first["errors"]
    assert isinstance(already_read, list) and isinstance(first_errors, list)
    assert second["files_read"] == int(str(first["files_read"])) - len(already_read)
    assert second["errors"] == errors_read_again(first, second)


def test_errors_name_the_file_the_position_and_the_reason(database: dict[str, str]) -> None:
    broken = FIXTURES / "github" / "rest" / "broken"
    status, report = collect(
        database,
        "github-json",
        broken / "html_error_page.json",
        broken / "scalar.json",
        broken / "truncated_page.json",
        broken / "latin1_export.json",
    )

    errors = report["errors"]
    assert isinstance(errors, list)
    assert errors
    for error in errors:
        assert set(error) == {"file", "position", "reason"}
        assert error["file"].endswith(".json")
        assert error["reason"]
    assert {"position": "line 1 column 1"}.items() <= next(
        e for e in errors if e["file"].endswith("html_error_page.json")
    ).items()
    assert status == 1  # nothing in those files could be read


def test_nothing_readable_exits_non_zero_with_a_clear_error(database: dict[str, str]) -> None:
    result = subprocess.run(
        [SCRIPT, "collect", "mbox", "/no/such/archive.mbox"],
        env=database,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "error: /no/such/archive.mbox: no such file or folder" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_readable_file_among_unreadable_ones_exits_zero(database: dict[str, str]) -> None:
    status, report = collect(database, "mbox", SAMPLES / "boost.mbox", "/no/such.mbox")

    assert status == 0
    assert report["files_read"] == 1


def test_stats_count_what_collect_stored(database: dict[str, str]) -> None:
    collect(database, "mbox", SAMPLES / "boost.mbox")

    result = subprocess.run(
        [SCRIPT, "stats", "--json"], env=database, capture_output=True, text=True, timeout=60
    )

    stats = json.loads(result.stdout)
    assert stats["records"]["mailing_lists.message"] == 4
    assert stats["profiles"]["mailing_list"] == 3


def test_output_to_a_pipe_has_no_progress(database: dict[str, str]) -> None:
    result = subprocess.run(
        [SCRIPT, "collect", "mbox", SAMPLES / "boost.mbox"],
        env=database,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0
    assert result.stderr == ""
    assert "mailing_lists.message" in result.stdout


def test_a_terminal_shows_progress(database: dict[str, str]) -> None:
    # given stderr attached to a terminal
    leader, follower = pty.openpty()
    env = {**database, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    with subprocess.Popen(
        [SCRIPT, "collect", "mbox", FIXTURES / "mailing_lists"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
    ) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            shown += chunk
        process.wait(timeout=120)
    os.close(leader)

    # then the progress line was drawn there
    assert process.returncode == 0
    assert b"collect mbox" in shown


@pytest.mark.django_db(transaction=True)
def test_a_database_failure_keeps_earlier_batches_and_leaves_no_half_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a store whose second write fails halfway, with batches of two messages
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)
    writes = 0
    original = DjangoRecordStore.add_many

    def failing_add_many(self: DjangoRecordStore[Any, Any], messages: Sequence[Any]) -> int:
        nonlocal writes
        writes += 1
        if writes == 2:
            original(self, messages[:1])
            raise DatabaseError("disk full")
        return original(self, messages)

    monkeypatch.setattr(DjangoRecordStore, "add_many", failing_add_many)

    # when the sample is collected
    summary = bootstrap.collect("mbox", [SAMPLES / "boost.mbox"], "default")

    # then the first batch is stored whole, the failed one not at all, and the failure reported
    assert MailingListMessage.objects.count() == 2
    [problem] = summary.problems
    assert problem.path.endswith("boost.mbox")
    assert "disk full" in problem.reason
    # and what the first batch stored is counted
    assert summary.counts["mailing_lists.message"][Outcome.ADDED] == 2
    # and no checkpoint says the archive was read
    assert not Checkpoint.objects.exists()
