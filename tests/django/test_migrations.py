"""Every app's migrations run forwards and backwards on SQLite and PostgreSQL, keep the rows
stored before them, and the models never drift from them."""

import re
from io import StringIO
from typing import cast

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_test_migrations.migrator import Migrator

from tests.support.databases import both_databases

ALIASES = both_databases(transaction=True)


def project_apps() -> dict[str, set[str]]:
    """Each of the project's apps, by label, with the tables its models have."""
    return {
        config.label: {model._meta.db_table for model in config.get_models()}
        for config in apps.get_app_configs()
        if config.name.startswith("adapters.")
    }


def app_tables(alias: str, app: str) -> set[str]:
    with connections[alias].cursor() as cursor:
        names = connections[alias].introspection.table_names(cursor)
    return {name for name in names if name.startswith(f"{app}_")}


def latest(app: str) -> tuple[str, str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    [leaf] = loader.graph.leaf_nodes(app)
    return cast(tuple[str, str], leaf)


@pytest.mark.parametrize("app", sorted(project_apps()))
@pytest.mark.parametrize("alias", ALIASES)
def test_each_app_migrates_up_from_nothing_and_back_down(alias: str, app: str) -> None:
    migrator = Migrator(database=alias)

    # given none of the app's tables
    migrator.apply_initial_migration((app, None))
    assert app_tables(alias, app) == set()

    # when its migrations are applied
    migrator.apply_tested_migration(latest(app))

    # then the tables of its models exist
    assert app_tables(alias, app) == project_apps()[app]
    migrator.reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_github_records_stored_before_soft_reference_fields_keep_their_people(
    alias: str,
) -> None:
    # given a commit, a co-author, an issue and an assignee stored by the first schema
    migrator = Migrator(database=alias)
    old = migrator.apply_initial_migration(("github", "0001_initial"))
    commit = (
        old.apps.get_model("github", "Commit")
        .objects.using(alias)
        .create(
            repository_key="o/r",
            sha="a" * 40,
            author_profile_id=7,
            author_kind="github",
            parents="b" * 40,
        )
    )
    old.apps.get_model("github", "CommitCoAuthor").objects.using(alias).create(
        commit=commit, position=0, profile_id=8, kind="git_author"
    )
    issue = (
        old.apps.get_model("github", "Issue")
        .objects.using(alias)
        .create(repository_key="o/r", number=1, github_id=1, author_profile_id=9)
    )
    old.apps.get_model("github", "IssueAssignee").objects.using(alias).create(
        issue=issue, position=0, profile_id=10
    )

    # when the app migrates to its latest schema
    new = migrator.apply_tested_migration(latest("github"))

    # then every row keeps its repository and its people, under the new field names
    commit = new.apps.get_model("github", "Commit").objects.using(alias).get()
    assert (commit.repository, commit.author_profile_id, commit.author_kind) == ("o/r", 7, "github")
    assert commit.parents == ("b" * 40,)
    co_author = new.apps.get_model("github", "CommitCoAuthor").objects.using(alias).get()
    assert (co_author.person_profile_id, co_author.person_kind) == (8, "git_author")
    issue = new.apps.get_model("github", "Issue").objects.using(alias).get()
    assert (issue.repository, issue.author_profile_id) == ("o/r", 9)
    assignee = new.apps.get_model("github", "IssueAssignee").objects.using(alias).get()
    assert assignee.account_profile_id == 10
    migrator.reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_messages_stored_before_soft_reference_fields_keep_their_sender_and_threads(
    alias: str,
) -> None:
    # given two messages of the first schema, one replying to nothing ("")
    migrator = Migrator(database=alias)
    old = migrator.apply_initial_migration(("mailing_lists", "0001_initial"))
    rows = old.apps.get_model("mailing_lists", "MailingListMessage").objects.using(alias)
    rows.create(
        list_name="boost",
        message_id="1@x",
        message_id_hash="H1",
        thread_hash="H1",
        sender_profile_id=3,
        parent_hash="",
    )
    rows.create(
        list_name="boost",
        message_id="2@x",
        message_id_hash="H2",
        thread_hash="H1",
        parent_hash="H1",
    )

    # when the app migrates to its latest schema, and back
    new = migrator.apply_tested_migration(latest("mailing_lists"))
    messages = new.apps.get_model("mailing_lists", "MailingListMessage").objects.using(alias)

    # then the sender is kept, and "no parent" is NULL
    assert sorted(messages.values_list("message_id", "sender_profile_id", "parent_hash")) == [
        ("1@x", 3, None),
        ("2@x", None, "H1"),
    ]
    back = migrator.apply_tested_migration(("mailing_lists", "0001_initial"))
    rows = back.apps.get_model("mailing_lists", "MailingListMessage").objects.using(alias)
    assert rows.get(message_id="1@x").parent_hash == ""
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
