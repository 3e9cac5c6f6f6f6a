"""The hub's migrations run forwards and backwards on SQLite and PostgreSQL, and the models
never drift from them."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_test_migrations.migrator import Migrator

ALIASES = [
    pytest.param("default", marks=pytest.mark.django_db(transaction=True), id="sqlite"),
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.django_db(transaction=True, databases=["postgres"]),
            pytest.mark.postgres,
        ],
        id="postgres",
    ),
]


APPS = {
    "hub": {"hub_identity", "hub_profile", "hub_email"},
    "mailing_lists": {"mailing_lists_mailinglistmessage"},
    "github": {
        "github_repository",
        "github_commit",
        "github_commitcoauthor",
        "github_issue",
        "github_issuelabel",
        "github_issueassignee",
        "github_pullrequest",
        "github_pullrequestlabel",
        "github_pullrequestassignee",
        "github_review",
        "github_issuecomment",
        "github_reviewcomment",
    },
}


def app_tables(alias: str, app: str) -> set[str]:
    with connections[alias].cursor() as cursor:
        names = connections[alias].introspection.table_names(cursor)
    return {name for name in names if name.startswith(f"{app}_")}


@pytest.mark.parametrize("app", sorted(APPS))
@pytest.mark.parametrize("alias", ALIASES)
def test_each_app_migrates_up_from_nothing_and_back_down(alias: str, app: str) -> None:
    migrator = Migrator(database=alias)

    # given none of the app's tables
    migrator.apply_initial_migration((app, None))
    assert app_tables(alias, app) == set()

    # when its initial migration is applied
    migrator.apply_tested_migration((app, "0001_initial"))

    # then its tables exist
    assert app_tables(alias, app) == APPS[app]
    migrator.reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_the_hubs_historical_models_work_after_migrating(alias: str) -> None:
    migrator = Migrator(database=alias)
    migrator.apply_initial_migration(("hub", None))

    state = migrator.apply_tested_migration(("hub", "0001_initial"))

    profile = state.apps.get_model("hub", "Profile")
    profile.objects.using(alias).create(kind="slack", key="U1")
    assert profile.objects.using(alias).count() == 1
    migrator.reset()


@pytest.mark.django_db
def test_the_models_match_the_migrations() -> None:
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_no_migration_has_an_automatic_name() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)

    names = [name for app, name in loader.disk_migrations if not app.startswith("django")]

    assert names
    assert not [name for name in names if re.search(r"_auto_\d{8}_\d{4}$", name)]


def test_no_app_migration_depends_on_another_project_app() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    project_apps = {
        config.label for config in apps.get_app_configs() if config.name.startswith("adapters.")
    }

    crossing = [
        (app, name, dependency)
        for (app, name), migration in loader.disk_migrations.items()
        if app in project_apps
        for dependency in migration.dependencies
        if dependency[0] != app and dependency[0] != "__setting__"
    ]

    assert crossing == []
