"""The trackerhub console script: Django's commands under the project's name, the database
from DATABASE_URL (SQLite in the current directory by default), and ``stats --json``."""

import json
import os
import socket
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.trackers import record_types
from core.protocols import GitHubAccountClaim, ProfileKind, SlackUserClaim

REPO_ROOT = Path(__file__).resolve().parents[2]


def trackerhub(*args: str, cwd: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    script = Path(sys.executable).with_name("trackerhub")
    return subprocess.run(
        [str(script), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_without_database_url_the_database_is_trackerhub_sqlite3_in_the_current_directory(
    tmp_path: Path,
) -> None:
    # when the main job runs in an empty directory with no configuration
    result = trackerhub("demo", cwd=tmp_path, database_url=None)

    # then it creates the database there and prints what it holds
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "trackerhub.sqlite3").is_file()
    assert "identities" in result.stdout


def test_stats_json_prints_one_object_with_records_profiles_and_identities(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert trackerhub("migrate", cwd=tmp_path, database_url=url).returncode == 0

    result = trackerhub("stats", "--json", cwd=tmp_path, database_url=url)

    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["identities"] == 0
    assert stats["recommendations_open"] == stats["orphans"] == 0
    # every record type of every installed tracker, GitHub's and the mailing lists' among them
    expected = sorted(record_type.name for record_type in record_types())
    assert {"github.commit", "github.file_change", "mailing_lists.message"} <= set(expected)
    assert stats["records"] == dict.fromkeys(expected, 0)
    assert list(stats["records"]) == expected
    assert stats["profiles"] == dict.fromkeys((kind.value for kind in ProfileKind), 0)


def test_stats_on_a_database_never_migrated_says_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"

    result = trackerhub("stats", "--json", cwd=tmp_path, database_url=url)

    assert result.returncode != 0
    assert "run `trackerhub migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_collect_on_a_database_never_migrated_says_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    mbox = tmp_path / "a.mbox"
    mbox.write_text("From a@x Thu Jan  1 00:00:00 2004\nFrom: A <a@x.org>\nSubject: s\n\nbody\n")

    result = trackerhub("collect", "mbox", str(mbox), cwd=tmp_path, database_url=url)

    assert result.returncode != 0
    assert "run `trackerhub migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", [("stats", "--json"), ("identities", "list"), ("migrate",), ("demo",)]
)
def test_a_postgresql_server_that_is_not_there_is_said_so_not_to_be_migrated(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    # given a port nothing listens on
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgres://trackerhub@127.0.0.1:{port}/trackerhub"

    result = trackerhub(*command, cwd=tmp_path, database_url=url)

    assert result.returncode != 0
    assert "cannot connect to the database (" in result.stderr
    assert "migrate" not in result.stderr and "Traceback" not in result.stderr


def test_every_django_command_works_through_the_console_script(tmp_path: Path) -> None:
    result = trackerhub("check", cwd=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.db'}")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    # given the test server's address as a DATABASE_URL, on a database of its own
    settings = connections["postgres"].settings_dict
    with connections["postgres"].cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS trackerhub_cli")
        cursor.execute("CREATE DATABASE trackerhub_cli")
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT']}/trackerhub_cli"
    )

    # when the main job runs against it
    migrated = trackerhub("demo", cwd=tmp_path, database_url=url)
    result = trackerhub("stats", "--json", cwd=tmp_path, database_url=url)

    # then the hub's tables live in PostgreSQL
    assert migrated.returncode == 0, migrated.stderr
    assert json.loads(result.stdout)["identities"] == 0
    with connections["postgres"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = 'trackerhub_cli'")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_stats_counts_profiles_by_kind_and_identities() -> None:
    hub = identity_hub()
    refs = hub.get_or_create_many(
        [GitHubAccountClaim(github_id=1), GitHubAccountClaim(github_id=2), SlackUserClaim("U1")]
    )
    person = hub.create_identity("Ann")
    assert refs[0] is not None
    hub.link(refs[0], person)
    out = StringIO()

    call_command("stats", "--json", stdout=out)

    stats = json.loads(out.getvalue())
    assert stats["profiles"]["github"] == 2
    assert stats["profiles"]["slack"] == 1
    assert stats["identities"] == 1


def test_the_demo_run_again_says_it_added_nothing_and_what_was_already_there(
    tmp_path: Path,
) -> None:
    first = trackerhub("demo", cwd=tmp_path, database_url=None)
    second = trackerhub("demo", cwd=tmp_path, database_url=None)

    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "collected mbox: 4 records added, 0 updated, 0 already there" in first.stdout
    assert (
        "collected mbox: 0 records added, 0 updated, 0 already there;"
        " 1 file already read, unchanged since"
    ) in second.stdout
    assert "collected git: 0 records added, 0 updated, 7 already there" in second.stdout
    # every source, those whose samples are rebuilt for each demo (git clones) included
    collected = [line for line in second.stdout.splitlines() if line.startswith("collected ")]
    assert len(collected) >= 12
    assert all(" 0 records added, 0 updated," in line for line in collected), collected
