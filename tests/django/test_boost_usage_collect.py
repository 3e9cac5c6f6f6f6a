"""``trackerhub collect boost-usage``, end to end through the console script on SQLite and
PostgreSQL: the bundled samples, the test fixtures, re-scans and bad input."""

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import cast

import attrs
import pytest
from django.db import connections

from tests.django.test_collect import REPO, SCRIPT, collect
from tests.django.test_concurrent_collects import postgres_environment

SAMPLES = REPO / "adapters" / "django_orm" / "boost_usage" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "boost_usage"


@attrs.frozen
class Database:
    env: dict[str, str]
    query: Callable[[str], list[tuple[object, ...]]]


def _sqlite(tmp_path: Path) -> Database:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    file = tmp_path / "collect.sqlite3"
    env["DATABASE_URL"] = f"sqlite:///{file}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)

    def query(sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(file) as connection:
            return connection.execute(sql).fetchall()

    return Database(env, query)


def _postgres() -> Database:
    def query(sql: str) -> list[tuple[object, ...]]:
        with connections["postgres"].cursor() as cursor:
            cursor.execute(sql)
            return list(cursor.fetchall())

    return Database(postgres_environment(), query)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.django_db(transaction=True, databases=["postgres"]),
            ],
            id="postgres",
        ),
    ]
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    return _sqlite(tmp_path) if request.param == "sqlite" else _postgres()


def records(report: dict[str, object]) -> dict[str, dict[str, int]]:
    found = report["records"]
    assert isinstance(found, dict)
    return found


def usages(database: Database) -> dict[tuple[str, str], bool]:
    """Each usage's (path, header), and whether it is gone."""
    rows = database.query("SELECT path, header, gone_at FROM boost_usage_usage")
    return {(str(path), str(header)): gone is not None for path, header, gone in rows}


def test_the_samples_are_added_then_not_read_again_then_found_unchanged_in_full(
    database: Database,
) -> None:
    # when the two sample projects are collected three times: then unchanged, then in full
    paths = (SAMPLES / "webapp", SAMPLES / "vendored")
    first_status, first = collect(database.env, "boost-usage", *paths)
    second_status, second = collect(database.env, "boost-usage", *paths)
    full_status, full = collect(database.env, "boost-usage", *paths, "--full")

    # then the first adds both projects and their usages, the second reads nothing and the
    # full one changes nothing
    assert first_status == second_status == full_status == 0
    assert records(first)["boost_usage.project"]["added"] == 2
    assert records(first)["boost_usage.usage"]["added"] == 6
    assert first["errors"] == [] and first["files_read"] == 2
    assert records(second) == {} and len(cast(list[str], second["already_read"])) == 2
    assert records(full) == {
        "boost_usage.project": {"added": 0, "skipped": 0, "unchanged": 2, "updated": 0},
        "boost_usage.usage": {"added": 0, "skipped": 0, "unchanged": 6, "updated": 0},
    }


def test_the_samples_store_their_versions_and_the_vendored_copy(database: Database) -> None:
    collect(database.env, "boost-usage", SAMPLES / "webapp", SAMPLES / "vendored")

    rows = database.query(
        "SELECT name, boost_version, version_source, version_file, version_line, embeds_boost"
        " FROM boost_usage_project ORDER BY name"
    )

    assert [(*row[:5], bool(row[5])) for row in rows] == [
        ("vendored", "1.85.0", "embedded copy", "third_party/boost/boost/version.hpp", 10, True),
        ("webapp", "1.86.0", "CMake find_package", "CMakeLists.txt", 5, False),
    ]
    assert usages(database) == {
        ("src/main.cpp", "boost/json.hpp"): False,
        ("src/main.cpp", "boost/core/noncopyable.hpp"): False,
        ("src/server.cpp", "boost/asio.hpp"): False,
        ("src/server.cpp", "boost/json.hpp"): False,
        ("src/app.cpp", "boost/config.hpp"): False,
        ("src/app.cpp", "boost/assert.hpp"): False,
    }


def test_a_rescan_of_a_changed_project_marks_the_removed_include_gone_and_keeps_it(
    database: Database, tmp_path: Path
) -> None:
    # given a copy of the sample web application, collected
    project = tmp_path / "webapp"
    shutil.copytree(SAMPLES / "webapp", project)
    collect(database.env, "boost-usage", project)

    # when its server stops including Boost.Asio and it is collected again
    server = project / "src" / "server.cpp"
    server.write_text(server.read_text().replace("#include <boost/asio.hpp>\n", ""))
    status, report = collect(database.env, "boost-usage", project)

    # then that usage is kept, marked gone; the others are as they were
    assert status == 0
    assert records(report)["boost_usage.usage"]["updated"] == 1
    assert usages(database) == {
        ("src/main.cpp", "boost/json.hpp"): False,
        ("src/main.cpp", "boost/core/noncopyable.hpp"): False,
        ("src/server.cpp", "boost/asio.hpp"): True,
        ("src/server.cpp", "boost/json.hpp"): False,
    }


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_clone_of_a_github_repository_names_the_github_tracker_s_repository(
    database: Database, tmp_path: Path
) -> None:
    project = tmp_path / "json"
    shutil.copytree(FIXTURES / "vcpkg_project", project)
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run(
        [*git, "remote", "add", "origin", "https://github.com/Acme/Tool.git"], check=True
    )

    status, _ = collect(database.env, "boost-usage", project)

    assert status == 0
    assert database.query("SELECT key, name, repository FROM boost_usage_project") == [
        ("acme/tool", "Acme/Tool", "acme/tool")
    ]
    assert {row[0] for row in database.query("SELECT project FROM boost_usage_usage")} == {
        "acme/tool"
    }


def test_stats_count_the_projects_and_the_usages(database: Database) -> None:
    collect(database.env, "boost-usage", SAMPLES / "webapp", SAMPLES / "vendored")

    result = subprocess.run(
        [SCRIPT, "stats", "--json"], env=database.env, capture_output=True, text=True, timeout=60
    )

    stats = json.loads(result.stdout)
    assert {k: v for k, v in stats["records"].items() if k.startswith("boost_usage.")} == {
        "boost_usage.project": 2,
        "boost_usage.usage": 6,
    }


def test_broken_manifests_are_reported_with_file_position_and_reason_and_the_rest_stored(
    database: Database,
) -> None:
    status, report = collect(database.env, "boost-usage", FIXTURES / "broken")

    assert status == 0
    assert report["errors"] == [
        {
            "file": str(FIXTURES / "broken" / "CMakeLists.txt"),
            "position": "line 1 (byte 5)",
            "reason": "not UTF-8 text: the manifest is not read",
        },
        {
            "file": str(FIXTURES / "broken" / "vcpkg.json"),
            "position": "line 5 column 3",
            "reason": "not valid JSON: Expecting value",
        },
    ]
    assert records(report)["boost_usage.usage"]["added"] == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (Path("/no/such/project"), "no such folder"),
        (FIXTURES / "cmake_project" / "CMakeLists.txt", "not a folder"),
    ],
)
def test_nothing_readable_exits_1_with_a_one_line_error(
    database: Database, path: Path, reason: str
) -> None:
    result = subprocess.run(
        [SCRIPT, "collect", "boost-usage", path],
        env=database.env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert line == f"error: {path}: {reason}"
    assert "Traceback" not in result.stderr
