"""``trackerhub collect boost-libraries``, end to end through the console script, on SQLite and
on PostgreSQL: a super-project mirror, a new release, bad input."""

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

from adapters.django_orm.boost_libraries.apps import (
    SAMPLE_REPOSITORIES,
    SAMPLES,
    BoostLibrariesConfig,
)
from tests.django.test_collect import SCRIPT, collect
from tests.support.boost_repos import Mirror, git
from tests.unit.boost_libraries.sample import build_sample, write_sample
from trackers.boost_libraries.sources.super_project import read_boost_libraries

SOURCE = "boost-libraries"


def records(report: dict[str, object]) -> dict[str, dict[str, int]]:
    found = report["records"]
    assert isinstance(found, dict)
    return found


def _sqlite(tmp_path: Path) -> Iterator[dict[str, str]]:
    yield {"DATABASE_URL": f"sqlite:///{tmp_path / 'collect.sqlite3'}"}


def _postgres(tmp_path: Path) -> Iterator[dict[str, str]]:
    del tmp_path
    settings = connections["postgres"].settings_dict
    with connections["postgres"].cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS trackerhub_boost_libraries")
        cursor.execute("CREATE DATABASE trackerhub_boost_libraries")
    yield {
        "DATABASE_URL": f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT']}/trackerhub_boost_libraries"
    }
    with connections["postgres"].cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS trackerhub_boost_libraries WITH (FORCE)")


@pytest.fixture(
    params=[
        pytest.param(_sqlite, id="sqlite"),
        pytest.param(
            _postgres,
            marks=[
                pytest.mark.postgres,
                pytest.mark.django_db(transaction=True, databases=["postgres"]),
            ],
            id="postgres",
        ),
    ]
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A migrated database of its own, on SQLite or on the test PostgreSQL server."""
    for url in request.param(tmp_path):
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update(url)
        subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
        yield env


@pytest.fixture
def mirror(tmp_path: Path) -> Mirror:
    return build_sample(tmp_path / "boostorg")


def test_a_first_collect_adds_a_second_reads_nothing_again_and_a_full_one_finds_it_unchanged(
    database: dict[str, str], mirror: Mirror
) -> None:
    first_status, first = collect(database, SOURCE, mirror.boost.path)
    second_status, second = collect(database, SOURCE, mirror.boost.path)
    full_status, full = collect(database, SOURCE, mirror.boost.path, "--full")

    assert first_status == second_status == full_status == 0
    assert first["errors"] == []
    assert {name: counts["added"] for name, counts in records(first).items()} == {
        "boost_libraries.version": 2,
        "boost_libraries.module": 4,
        "boost_libraries.library": 4,
        "boost_libraries.library_version": 8,
        "boost_libraries.dependency": 8,
        "boost_libraries.dependency_change": 2,
        "boost_libraries.header": 6,
    }
    assert records(second) == {} and second["already_read"]
    assert all(c["added"] == c["updated"] == 0 for c in records(full).values())


def test_a_new_release_is_collected_alone_with_its_change_log_and_stats_count_it(
    database: dict[str, str], mirror: Mirror
) -> None:
    # given the mirror collected, then a release 1.87.0 where json no longer needs core
    collect(database, SOURCE, mirror.boost.path)
    json_1_87 = mirror.module("json", {"include/boost/json.hpp": "#include <boost/config.hpp>\n"})
    commits = {name: repo.head or "" for name, repo in mirror.modules.items()}
    mirror.release("1.87.0", {**commits, "json": json_1_87})

    # when it is collected again
    status, report = collect(database, SOURCE, mirror.boost.path)
    stats = subprocess.run(
        [SCRIPT, "stats", "--json"], env=database, capture_output=True, text=True, timeout=60
    )

    # then the new release is added, the one before only read again, and the log has one more
    assert status == 0
    counted = records(report)
    assert counted["boost_libraries.version"] == {
        "added": 1,
        "updated": 0,
        "unchanged": 1,
        "skipped": 0,
    }
    assert counted["boost_libraries.dependency_change"]["added"] == 1
    totals = json.loads(stats.stdout)
    assert totals["records"]["boost_libraries.version"] == 3
    assert totals["records"]["boost_libraries.dependency_change"] == 3
    assert totals["profiles"]["boost_author"] == 11


def test_bad_input_is_reported_with_its_file_its_position_and_its_reason(
    database: dict[str, str], mirror: Mirror
) -> None:
    # given a release whose json metadata is broken, and a module whose mirror is gone
    broken = mirror.module("json", {"meta/libraries.json": '[{"key": "json"}, {"name": 7}]'})
    commits = {name: repo.head or "" for name, repo in mirror.modules.items()}
    mirror.release("1.87.0", {**commits, "json": broken})
    git(mirror.root, "clone", "-q", "--bare", "core.git", "elsewhere.git")
    (mirror.root / "core.git").rename(mirror.root / "core-moved.git")

    status, report = collect(database, SOURCE, mirror.boost.path)

    assert status == 0
    errors = report["errors"]
    assert isinstance(errors, list)
    where = str(mirror.boost.path)
    assert {
        "file": f"{where}/libs/json/meta/libraries.json at boost-1.87.0",
        "position": "library 2",
        "reason": "name should be a string, not 7",
    } in errors
    assert {
        "file": where,
        "position": "module core",
        "reason": "its objects are not here, so its libraries and dependencies are not read:"
        f" clone https://github.com/boostorg/core.git as {mirror.root / 'core.git'}",
    } in errors
    assert records(report)["boost_libraries.module"]["added"] == 4


@pytest.mark.parametrize("kind", ["missing", "not a repository"])
def test_a_path_that_is_no_super_project_exits_1_with_a_one_line_error(
    database: dict[str, str], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "boost.git"
    if kind == "not a repository":
        path.mkdir()

    result = subprocess.run(
        [SCRIPT, "collect", SOURCE, path], env=database, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {path}")
    assert "Traceback" not in result.stderr


def test_the_bundled_sample_streams_are_what_the_sample_builder_writes(tmp_path: Path) -> None:
    # given the sample built by the test builder, exported as the demo bundles it
    written = tmp_path / "written"
    written.mkdir()
    write_sample(build_sample(tmp_path / "built"), written)

    # then each bundled stream is the same, byte for byte, and the demo rebuilds it
    for name in SAMPLE_REPOSITORIES:
        assert (written / f"{name}.fi").read_bytes() == (SAMPLES / f"{name}.fi").read_bytes()
    config = apps.get_app_config("boost_libraries")
    assert isinstance(config, BoostLibrariesConfig)
    [(_, [super_project])] = config.samples(tmp_path / "demo")
    built = tmp_path / "built" / "boost.git"
    assert list(read_boost_libraries(super_project)) == list(read_boost_libraries(built))
