"""The Boost reports (``trackerhub boost ...``): the two Boost trackers' bundled samples joined by
value, on SQLite and PostgreSQL, with a fixed number of queries."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from adapters.django_orm.main.boost_reports import (
    ReportError,
    library_report,
    missing_headers_report,
    release_name,
    version_report,
)
from adapters.django_orm.trackers import TrackerAppConfig
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.sources.files import files_under
from tests.support.databases import both_databases

ALIASES = both_databases()


def collect_samples(alias: str, scratch: Path) -> None:
    uow = DjangoUnitOfWork(alias)
    hub = IdentityHub(uow)
    for label in ("boost_libraries", "boost_usage"):
        app = apps.get_app_config(label)
        assert isinstance(app, TrackerAppConfig)
        for source, paths in app.samples(scratch):
            files = paths if source.suffixes is None else files_under(paths, source.suffixes)
            for path in files:
                assert isinstance(path, Path)
                summary = ingest(app.tracker, source.read(path, None), uow, hub, origin=str(path))
                assert summary.problems == []


@pytest.mark.parametrize("alias", ALIASES)
def test_given_the_samples_when_a_library_is_reported_then_its_changes_show_per_release(
    alias: str, tmp_path: Path
) -> None:
    collect_samples(alias, tmp_path)

    report = library_report("json", alias)

    assert report["module"] == "json"
    assert report["versions"] == [
        {
            "version": "1.85.0",
            "dependencies": ["assert", "config"],
            "dependents": [],
            "added": [],
            "removed": [],
        },
        {
            "version": "1.86.0",
            "dependencies": ["config", "core"],
            "dependents": [],
            "added": ["core"],
            "removed": ["assert"],
        },
    ]
    assert library_report("config", alias)["versions"][1]["dependents"] == [
        "assert",
        "core",
        "json",
    ]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_the_samples_when_a_release_is_reported_then_each_project_shows_its_libraries(
    alias: str, tmp_path: Path
) -> None:
    collect_samples(alias, tmp_path)

    [webapp] = version_report("1.86", alias)["projects"]
    [vendored] = version_report("boost-1.85.0", alias)["projects"]

    assert webapp["declared_in"] == "CMakeLists.txt"
    assert [used["library"] for used in webapp["libraries"]] == ["core", "json"]
    assert webapp["unknown_headers"] == ["boost/asio.hpp"]
    assert vendored["embeds_boost"] is True
    assert [used["library"] for used in vendored["libraries"]] == ["assert", "config"]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_the_samples_when_missing_headers_are_reported_then_only_unknown_ones_show(
    alias: str, tmp_path: Path
) -> None:
    collect_samples(alias, tmp_path)

    report = missing_headers_report(alias)

    assert [row["header"] for row in report["headers"]] == ["boost/asio.hpp"]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_more_projects_when_reported_then_the_queries_stay_the_same(
    alias: str, tmp_path: Path
) -> None:
    collect_samples(alias, tmp_path)

    with CaptureQueriesContext(connections[alias]) as few:
        version_report("1.86.0", alias)
        library_report("json", alias)
        missing_headers_report(alias)
    usage = apps.get_model("boost_usage", "Usage")._default_manager.using(alias)
    project = apps.get_model("boost_usage", "Project")._default_manager.using(alias)
    template = project.get(boost_version="1.86.0")
    rows = list(usage.filter(project=template.key))
    for n in range(30):
        template.pk, template.key = None, f"copy/{n}"
        template.save(using=alias)
        for row in rows:
            row.pk, row.project = None, template.key
            row.save(using=alias)
    with CaptureQueriesContext(connections[alias]) as many:
        assert len(version_report("1.86.0", alias)["projects"]) == 31
        library_report("json", alias)
        missing_headers_report(alias)

    assert len(many) == len(few)


def test_given_a_version_that_is_not_one_then_the_report_says_so() -> None:
    assert release_name("1_86") == "1.86.0"
    with pytest.raises(ReportError, match="not a Boost version"):
        release_name("latest")


@pytest.mark.django_db
def test_given_an_unknown_library_when_the_command_runs_then_it_fails_with_one_line() -> None:
    with pytest.raises(CommandError, match="no Boost library or module is named 'nope'"):
        call_command("boost", "library", "nope")


@pytest.mark.django_db
def test_given_the_samples_when_the_command_prints_json_then_it_is_one_object(
    tmp_path: Path,
) -> None:
    collect_samples("default", tmp_path)
    out = StringIO()

    call_command("boost", "version", "1.86.0", "--json", stdout=out)
    table = StringIO()
    call_command("boost", "library", "json", stdout=table)

    assert json.loads(out.getvalue())["version"] == "1.86.0"
    assert "1.86.0" in table.getvalue() and "assert" in table.getvalue()
