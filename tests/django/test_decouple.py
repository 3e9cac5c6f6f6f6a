"""``SoftenForeignKey`` and ``trackerhub decouple`` on the legacy test project (tests/legacy): a
hub with a multi-table inheritance and a tracker with real foreign keys to it, softened by the
migrations 0002 and 0003 the command wrote, forwards and backwards with rows in place, on
SQLite and PostgreSQL; the one-to-one is softened by the command in a temporary copy of the
app's migrations."""

import shutil
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections, models
from django.db.migrations.state import ModelState, ProjectState
from django.test import override_settings
from django_test_migrations.migrator import Migrator

from adapters.django_orm.coupling.operations import OrphanReferences, SoftenForeignKey
from tests.support.databases import both_databases

ALIASES = both_databases(transaction=True)
FIRST = ("activity", "0001_initial")
SOFT = ("activity", "0003_decouple_message_sender")
MIGRATIONS = Path(__file__).parents[1] / "legacy" / "activity" / "migrations"


def constraints(alias: str, table: str) -> dict[str, Any]:
    with connections[alias].cursor() as cursor:
        found: dict[str, Any] = connections[alias].introspection.get_constraints(cursor, table)
    return found


def foreign_keys(alias: str, table: str) -> dict[str, tuple[str, str]]:
    """Each column of ``table`` held by a foreign key constraint, with what it references."""
    return {
        column: tuple(constraint["foreign_key"])
        for constraint in constraints(alias, table).values()
        if constraint["foreign_key"]
        for column in constraint["columns"]
    }


def indexed(alias: str, table: str, column: str, *, unique: bool = False) -> bool:
    return any(
        constraint["columns"] == [column]
        and (constraint["unique"] if unique else constraint["index"] or constraint["unique"])
        for constraint in constraints(alias, table).values()
    )


def manager(state: ProjectState, label: str, alias: str) -> Any:
    return state.apps.get_model(label)._default_manager.using(alias)


def legacy_rows(state: ProjectState, alias: str) -> dict[str, int]:
    """Two GitHub profiles of one identity, a Slack-less base profile, two commits, two
    messages (one with no sender) and a badge; the ids the database gave."""
    identity = manager(state, "people.Identity", alias).create(name="Ada")
    ada = manager(state, "people.GitHubProfile", alias).create(
        identity=identity, display_name="Ada", login="ada"
    )
    bob = manager(state, "people.GitHubProfile", alias).create(display_name="Bob", login="bob")
    base = manager(state, "people.BaseProfile", alias).create(display_name="Cy")
    manager(state, "activity.Commit", alias).create(sha="a" * 40, author=ada)
    manager(state, "activity.Commit", alias).create(sha="b" * 40, author=bob)
    manager(state, "activity.Message", alias).create(text="hi", sender=base)
    manager(state, "activity.Message", alias).create(text="anyone?", sender=None)
    manager(state, "activity.Badge", alias).create(title="first", holder=ada)
    return {"ada": ada.pk, "bob": bob.pk, "cy": base.pk}


@pytest.mark.parametrize("alias", ALIASES)
def test_given_rows_under_real_foreign_keys_when_the_fks_are_softened_then_every_value_survives_without_a_constraint(  # noqa: E501
    alias: str,
) -> None:
    # given the legacy rows under the first schema, whose relations are constraints
    migrator = Migrator(database=alias)
    old = migrator.apply_initial_migration(FIRST)
    ids = legacy_rows(old, alias)
    assert foreign_keys(alias, "activity_commit")["author_id"][0] == "people_githubprofile"
    assert foreign_keys(alias, "activity_message")["sender_id"][0] == "people_baseprofile"

    # when the app migrates through the softening migrations
    new = migrator.apply_tested_migration(SOFT)

    # then every row keeps its values, in the same columns, still indexed, with no constraint
    commits = manager(new, "activity.Commit", alias)
    assert sorted(commits.values_list("sha", "author")) == [
        ("a" * 40, ids["ada"]),
        ("b" * 40, ids["bob"]),
    ]
    messages = manager(new, "activity.Message", alias)
    assert sorted(messages.values_list("text", "sender")) == [("anyone?", None), ("hi", ids["cy"])]
    assert set(foreign_keys(alias, "activity_commit")) == set()
    assert set(foreign_keys(alias, "activity_message")) == set()
    assert indexed(alias, "activity_commit", "author_id")
    assert indexed(alias, "activity_message", "sender_id")
    assert manager(new, "people.GitHubProfile", alias).count() == 2

    # and deleting a profile no longer deletes its commits, nor empties its messages
    manager(new, "people.GitHubProfile", alias).filter(pk=ids["bob"]).delete()
    manager(new, "people.BaseProfile", alias).filter(pk=ids["cy"]).delete()
    assert commits.count() == 2
    assert messages.get(text="hi").sender == ids["cy"]
    migrator.reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_given_no_orphan_when_migrating_back_then_the_foreign_keys_and_their_values_return(
    alias: str,
) -> None:
    # given the legacy rows, softened
    migrator = Migrator(database=alias)
    ids = legacy_rows(migrator.apply_initial_migration(FIRST), alias)
    migrator.apply_tested_migration(SOFT)

    # when the app migrates back to its first schema
    old = migrator.apply_tested_migration(FIRST)

    # then the constraints are back, and the relations name the same profiles
    assert foreign_keys(alias, "activity_commit")["author_id"][0] == "people_githubprofile"
    assert foreign_keys(alias, "activity_message")["sender_id"][0] == "people_baseprofile"
    commits = manager(old, "activity.Commit", alias)
    assert sorted(commits.values_list("author_id", flat=True)) == sorted([ids["ada"], ids["bob"]])
    assert manager(old, "activity.Message", alias).get(text="hi").sender_id == ids["cy"]

    # and a profile's deletion cascades again
    manager(old, "people.GitHubProfile", alias).filter(pk=ids["bob"]).delete()
    assert commits.count() == 1
    migrator.reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_given_an_orphan_when_migrating_back_then_it_refuses_naming_the_orphan(
    alias: str,
) -> None:
    # given softened rows, and a commit whose author's profile is then deleted
    migrator = Migrator(database=alias)
    ids = legacy_rows(migrator.apply_initial_migration(FIRST), alias)
    new = migrator.apply_tested_migration(SOFT)
    manager(new, "people.GitHubProfile", alias).filter(pk=ids["bob"]).delete()

    # when the app migrates back, then it refuses, naming the table, the column and the value
    with pytest.raises(OrphanReferences) as refused:
        migrator.apply_tested_migration(FIRST)
    message = str(refused.value)
    assert "activity_commit.author_id -> people_githubprofile.baseprofile_ptr_id" in message
    assert f"1 row(s) name no row of it (values {ids['bob']})" in message

    # and the commit is still there, soft: fixing it lets the migration back through
    commits = manager(new, "activity.Commit", alias)
    assert commits.count() == 2
    commits.filter(author=ids["bob"]).delete()
    migrator.apply_tested_migration(FIRST)
    assert "author_id" in foreign_keys(alias, "activity_commit")
    migrator.reset()


@pytest.fixture
def migrations_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the activity app's migrations as a package of its own, for the command to
    write into."""
    return copied(MIGRATIONS, tmp_path, monkeypatch)


def copied(migrations: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of ``migrations`` as a package of its own (a new name each time: Python caches
    imported modules)."""
    package = f"legacy_copy_{uuid.uuid4().hex}"
    shutil.copytree(migrations, tmp_path / package / "migrations", ignore=_no_cache)
    (tmp_path / package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    return f"{package}.migrations"


def _no_cache(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__"]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_the_command_writes_the_one_to_ones_migration_then_it_softens_and_restores_it(
    alias: str, migrations_copy: str, tmp_path: Path
) -> None:
    with override_settings(MIGRATION_MODULES={"activity": migrations_copy}):
        # given a badge held by a profile, under the one-to-one
        migrator = Migrator(database=alias)
        old = migrator.apply_initial_migration(SOFT)
        holder = manager(old, "people.BaseProfile", alias).create(display_name="Ada")
        manager(old, "activity.Badge", alias).create(title="first", holder=holder)

        # when the command writes the migration, and the app migrates through it
        out = StringIO()
        call_command("decouple", "activity.Badge.holder", stdout=out)
        written = tmp_path / migrations_copy.replace(".", "/") / "0004_decouple_badge_holder.py"
        assert f"wrote {written}" in out.getvalue()
        assert "holder = models.BigIntegerField(db_column='holder_id', unique=True)" in (
            out.getvalue()
        )
        new = migrator.apply_tested_migration(("activity", "0004_decouple_badge_holder"))

        # then the badge keeps its holder, the column stays unique, the constraint is gone
        badges = manager(new, "activity.Badge", alias)
        assert list(badges.values_list("title", "holder")) == [("first", holder.pk)]
        assert "holder_id" not in foreign_keys(alias, "activity_badge")
        assert indexed(alias, "activity_badge", "holder_id", unique=True)
        manager(new, "people.BaseProfile", alias).filter(pk=holder.pk).delete()
        assert badges.count() == 1

        # and back: an orphan is refused; without it the one-to-one returns
        with pytest.raises(OrphanReferences, match=r"activity_badge\.holder_id"):
            migrator.apply_tested_migration(SOFT)
        badges.update(holder=manager(new, "people.BaseProfile", alias).create(display_name="B").pk)
        migrator.apply_tested_migration(SOFT)
        assert foreign_keys(alias, "activity_badge")["holder_id"][0] == "people_baseprofile"
    Migrator(database=alias).reset()


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_one_to_one_that_is_the_primary_key_then_the_command_softens_and_restores_it(
    alias: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copied(MIGRATIONS.parents[1] / "libraries" / "migrations", tmp_path, monkeypatch)
    with override_settings(MIGRATION_MODULES={"libraries": copy}):
        # given a badge whose primary key is its holder, a profile of another app
        migrator = Migrator(database=alias)
        old = migrator.apply_initial_migration(("libraries", "0003_badge"))
        holder = manager(old, "people.BaseProfile", alias).create(display_name="Ada")
        manager(old, "libraries.Badge", alias).create(holder=holder, title="first")

        # when the command writes the migration, and the app migrates through it
        out = StringIO()
        call_command("decouple", "libraries.Badge.holder", stdout=out)
        line = "holder = models.BigIntegerField(db_column='holder_id', primary_key=True)\n"
        assert line in out.getvalue()
        new = migrator.apply_tested_migration(("libraries", "0004_decouple_badge_holder"))

        # then the badge keeps its key, still the primary key, with no constraint to the hub
        badges = manager(new, "libraries.Badge", alias)
        assert list(badges.values_list("pk", "title")) == [(holder.pk, "first")]
        assert "holder_id" not in foreign_keys(alias, "libraries_badge")
        assert [
            c["columns"] for c in constraints(alias, "libraries_badge").values() if c["primary_key"]
        ] == [["holder_id"]]
        manager(new, "people.BaseProfile", alias).filter(pk=holder.pk).delete()
        assert badges.count() == 1

        # and back: an orphan is refused; without it the one-to-one returns
        with pytest.raises(OrphanReferences, match=r"libraries_badge\.holder_id"):
            migrator.apply_tested_migration(("libraries", "0003_badge"))
        kept = manager(new, "people.BaseProfile", alias).create(display_name="B")
        badges.update(holder=kept.pk)
        restored = migrator.apply_tested_migration(("libraries", "0003_badge"))
        assert foreign_keys(alias, "libraries_badge")["holder_id"][0] == "people_baseprofile"
        badge = manager(restored, "libraries.Badge", alias).get()
        assert badge.holder.display_name == "B"
    Migrator(database=alias).reset()


@pytest.mark.django_db
def test_given_the_softened_models_then_the_test_projects_migrations_have_no_changes() -> None:
    out = StringIO()

    call_command("makemigrations", "people", "activity", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_given_dry_run_then_the_command_prints_the_migration_and_the_field_line_and_writes_nothing() -> (  # noqa: E501
    None
):
    out = StringIO()

    call_command(
        "decouple", "activity.Badge.holder", "--dry-run", "--name", "soft_holder", stdout=out
    )

    text = out.getvalue()
    assert "0004_soft_holder.py (not written)" in text
    assert "adapters.django_orm.coupling.operations.SoftenForeignKey(" in text
    assert "('activity', '0003_decouple_message_sender')" in text
    assert "('people', '0001_initial')" in text
    assert "holder = models.BigIntegerField(db_column='holder_id', unique=True)" in text
    assert not (MIGRATIONS / "0004_soft_holder.py").exists()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("activity.Badge", "name the relation as APP.Model.field, not 'activity.Badge'"),
        ("nowhere.Badge.holder", "no installed app is labelled 'nowhere'"),
        ("activity.Nothing.holder", "app 'activity' has no model 'Nothing'"),
        ("activity.Badge.owner", "activity.Badge has no field 'owner'"),
        ("activity.Badge.title", "activity.Badge.title is not a foreign key or one-to-one"),
        ("activity.Commit.author", "activity.Commit.author is not a foreign key or one-to-one"),
        ("people.BaseProfile.identity", "points at people.Identity, a model of the same app"),
        ("people.GitHubProfile.baseprofile_ptr", "is the parent link of a multi-table"),
        ("auth.User.groups", "auth.User.groups is a many-to-many"),
        ("people.Identity.profiles", "people.Identity.profiles is not a foreign key"),
    ],
)
def test_given_a_field_that_is_no_cross_app_relation_then_the_command_refuses_in_one_line(
    name: str, error: str
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("decouple", name, "--dry-run", stdout=StringIO())

    assert error in str(refused.value)
    assert "\n" not in str(refused.value)


def test_given_the_operation_then_it_describes_and_deconstructs_itself_and_names_no_auto() -> None:
    soft = models.BigIntegerField(db_column="author_id", db_index=True)
    operation = SoftenForeignKey("Commit", "author", soft)

    name, args, kwargs = operation.deconstruct()

    assert (name, args) == ("SoftenForeignKey", [])
    assert kwargs == {"model_name": "Commit", "name": "author", "soft_field": soft}
    assert operation.migration_name_fragment == "decouple_commit_author"
    assert operation.describe().startswith("Turn the relation Commit.author into a soft reference")


def test_given_a_soft_field_on_another_column_then_the_operation_refuses_it() -> None:
    state = ProjectState()
    state.add_model(
        _model_state("Badge", [("holder", models.ForeignKey("people.BaseProfile", models.CASCADE))])
    )
    operation = SoftenForeignKey("Badge", "holder", models.BigIntegerField())

    with pytest.raises(ValueError, match="give it db_column='holder_id'"):
        operation.state_forwards("activity", state)


def _model_state(name: str, fields: list[tuple[str, models.Field[Any, Any]]]) -> ModelState:
    return ModelState("activity", name, [("id", models.BigAutoField(primary_key=True)), *fields])
