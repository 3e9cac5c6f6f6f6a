"""Collects run at once, as real processes, into one database: they share people and records,
and each finishes with everything stored once, no profile twice, and every record counted as
added by the one collect that really inserted it.

On PostgreSQL writers interleave: the hub's rows and the records are inserted in one global
order, so two collects wait for each other instead of deadlocking, and a batch that still
loses a race is tried again. On SQLite the second writer waits for the first.
"""

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connections

SCRIPT = Path(sys.executable).with_name("trackerhub")
PEOPLE = 400
COMMITS = 2_500


def history(path: Path, seed: int) -> Path:
    """A history whose commits name the same people as any other seed's, in another order."""
    rng = random.Random(seed)
    people = [f"Dev {i} <dev{i}@example.com>" for i in range(PEOPLE)]
    stream: list[bytes] = []
    for i in range(COMMITS):
        author, pair = rng.sample(people, 2)
        message = f"Change {seed}.{i}\n\nCo-authored-by: {pair}\n".encode()
        stream.append(
            f"commit refs/heads/main\nauthor {author} {1_600_000_000 + i} +0000\n"
            f"committer {author} {1_600_000_000 + i} +0000\ndata {len(message)}\n".encode()
            + message
            + b"\n"
        )
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    return path


def run_at_once(env: dict[str, str], repositories: list[Path]) -> list[dict[str, object]]:
    processes = [
        subprocess.Popen(
            [SCRIPT, "collect", "git", str(repository), "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for repository in repositories
    ]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        reports.append(json.loads(out))
    return reports


def added(report: dict[str, object], record_type: str) -> int:
    records = report["records"]
    assert isinstance(records, dict)
    return int(records.get(record_type, {}).get("added", 0))


def postgres_environment() -> dict[str, str]:
    settings = connections["postgres"].settings_dict
    host = quote(str(settings["HOST"]), safe="")
    url = (
        f"postgres://{quote(settings['USER'])}:{quote(settings['PASSWORD'] or '')}"
        f"@{host}:{settings['PORT']}/{settings['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = url
    return env


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_postgresql_collects_sharing_people_both_finish_with_every_commit_once(
    tmp_path: Path,
) -> None:
    # given two histories naming the same people in shuffled orders
    repositories = [history(tmp_path / f"project{seed}.git", seed) for seed in (1, 2)]

    # when both are collected at once
    reports = run_at_once(postgres_environment(), repositories)

    # then both finish, every commit is stored, and each person is one profile
    assert [report["errors"] for report in reports] == [[], []]
    assert [added(report, "github.commit") for report in reports] == [COMMITS, COMMITS]
    with connections["postgres"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM github_commit")
        assert cursor.fetchone() == (2 * COMMITS,)
        cursor.execute("SELECT count(*), count(DISTINCT (kind, key)) FROM hub_profile")
        assert cursor.fetchone() == (PEOPLE, PEOPLE)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_collects_of_one_history_count_each_commit_as_added_once(tmp_path: Path) -> None:
    # given one history, collected by two processes at once
    repository = history(tmp_path / "project.git", 3)

    reports = run_at_once(postgres_environment(), [repository, repository])

    # then between them each commit was added once, and found by the other
    assert [report["errors"] for report in reports] == [[], []]
    assert sum(added(report, "github.commit") for report in reports) == COMMITS
    with connections["postgres"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM github_commit")
        assert cursor.fetchone() == (COMMITS,)


def test_two_sqlite_collects_into_one_file_both_finish(tmp_path: Path) -> None:
    # given one SQLite file and two histories sharing people
    database = tmp_path / "shared.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    repositories = [history(tmp_path / f"project{seed}.git", seed) for seed in (4, 5)]

    # when both are collected into it at once
    reports = run_at_once(env, repositories)

    # then the second writer waited for the first instead of failing, and everything is there
    assert [report["errors"] for report in reports] == [[], []]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM github_commit").fetchone() == (2 * COMMITS,)
        assert connection.execute("SELECT count(*) FROM hub_profile").fetchone() == (PEOPLE,)
