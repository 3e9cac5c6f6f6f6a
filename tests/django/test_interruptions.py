"""A collect killed at any moment and run again ends as one uninterrupted collect: every batch
is whole or absent, and the checkpoint commits only with the batch that completes the source."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.history import build

SCRIPT = Path(sys.executable).with_name("trackerhub")
COMMITS = 6_000


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("history") / "project.git", COMMITS)


def environment(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def collect(env: dict[str, str], repository: Path) -> dict[str, object]:
    done = subprocess.run(
        [SCRIPT, "collect", "git", str(repository), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    report: dict[str, object] = json.loads(done.stdout)
    return report


def contents(database: Path) -> dict[str, object]:
    """What the database holds, independent of row ids: records by key, people by key."""
    with sqlite3.connect(database) as connection:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(connection.execute(sql).fetchall())

        return {
            "commits": rows(
                "SELECT c.repository, c.sha, c.author_kind, p.key, c.message, c.parents"
                " FROM github_commit c LEFT JOIN hub_profile p ON p.id = c.author_profile_id"
            ),
            "co-authors": rows(
                "SELECT c.sha, a.position, p.key FROM github_commitcoauthor a"
                " JOIN github_commit c ON c.id = a.commit_id"
                " JOIN hub_profile p ON p.id = a.person_profile_id"
            ),
            "files": rows(
                "SELECT sha, path, previous_path, additions, deletions, is_binary"
                " FROM github_filechange"
            ),
            "profiles": rows("SELECT kind, key, display_name FROM hub_profile"),
            "emails": rows(
                "SELECT p.key, e.address, e.is_primary FROM hub_email e"
                " JOIN hub_profile p ON p.id = e.profile_id"
            ),
            "checkpoints": rows("SELECT source, fingerprint FROM trackerhub_checkpoint"),
        }


def committed_commits(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        (count,) = connection.execute("SELECT count(*) FROM github_commit").fetchone()
        return int(count)


@pytest.fixture(scope="module")
def clean_run(history: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    database = tmp_path_factory.mktemp("clean") / "clean.sqlite3"
    collect(environment(database), history)
    return contents(database)


@pytest.mark.parametrize("share", [0.0, 0.3, 0.7, 0.97])
def test_a_collect_killed_at_any_moment_and_run_again_ends_as_one_clean_run(
    history: Path, clean_run: dict[str, object], tmp_path: Path, share: float
) -> None:
    # given a collect killed once a share of the history is committed (0: at its start)
    database = tmp_path / "killed.sqlite3"
    env = environment(database)
    process = subprocess.Popen(
        [SCRIPT, "collect", "git", str(history)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while committed_commits(database) < share * COMMITS and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    # when the same collect runs again, to its end
    report = collect(env, history)

    # then the database holds exactly what one uninterrupted collect leaves
    assert report["errors"] == []
    assert contents(database) == clean_run


def test_ctrl_c_stops_after_rolling_back_the_batch_and_prints_what_was_stored(
    history: Path, tmp_path: Path
) -> None:
    # given a collect interrupted with SIGINT (Ctrl-C) once some batches are committed
    database = tmp_path / "interrupted.sqlite3"
    env = environment(database)
    process = subprocess.Popen(
        [SCRIPT, "collect", "git", str(history), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while committed_commits(database) < COMMITS // 3:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)

    # then it says so in one line, exits 130, and its summary counts what is stored
    assert process.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["interrupted: the batch being written was rolled back"]
    report = json.loads(out)
    assert report["records"]["github.commit"]["added"] == committed_commits(database) > 0
