"""``trackerhub orphans``: tracker references to profiles the hub no longer holds, found in bulk,
reported per column and fixed, on SQLite and PostgreSQL."""

import copy
import json
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from adapters.django_orm.main import orphans as orphans_module
from adapters.django_orm.main.management.commands.orphans import _text
from adapters.django_orm.main.orphans import (
    Orphans,
    RefColumn,
    fix,
    orphan_count,
    ref_columns,
    report,
    scan,
)
from tests.support.databases import both_databases

ALIASES = both_databases()


def manager(alias: str, app: str, model: str) -> Any:
    return apps.get_model(app, model)._default_manager.using(alias)


def profile(alias: str, kind: str, key: str) -> int:
    return int(manager(alias, "hub", "Profile").create(kind=kind, key=key).pk)


def commit(alias: str, sha: str, author: int | None, co_authors: list[int]) -> Any:
    row = manager(alias, "github", "Commit").create(
        repository="boostorg/json",
        sha=sha,
        author_profile_id=author,
        author_kind="git_author" if author else "",
    )
    for position, person in enumerate(co_authors):
        manager(alias, "github", "CommitCoAuthor").create(
            commit=row, position=position, person_profile_id=person, person_kind="git_author"
        )
    return row


def document(alias: str, document_id: str, authors: list[int]) -> Any:
    row = manager(alias, "wg21", "Document").create(document_id=document_id, paper=document_id)
    for position, author in enumerate(authors):
        manager(alias, "wg21", "DocumentAuthor").create(
            document=row, position=position, author_profile_id=author
        )
    return row


def delete_profiles(alias: str, *ids: int) -> None:
    """Deletes hub rows directly, as a hand-run SQL statement would: no use case tidies up."""
    manager(alias, "hub", "Profile").filter(pk__in=ids).delete()


def world(alias: str, n: int = 0) -> dict[str, int]:
    """Three commits and a document; then the profiles ``gone``, ``lost`` and ``left`` are
    deleted. ``n`` tells one world from another in one database."""
    kept = profile(alias, "git_author", f"kept{n}@example.org")
    gone = profile(alias, "git_author", f"gone{n}@example.org")
    lost = profile(alias, "git_author", f"lost{n}@example.org")
    author = profile(alias, "wg21", f"Alice {n}")
    left = profile(alias, "wg21", f"Bob {n}")
    commit(alias, f"{n}".ljust(40, "a"), gone, [kept, lost])
    commit(alias, f"{n}".ljust(40, "b"), gone, [gone])
    commit(alias, f"{n}".ljust(40, "c"), kept, [])
    document(alias, f"p1000r{n}", [author, left])
    delete_profiles(alias, gone, lost, left)
    return {"kept": kept, "gone": gone, "lost": lost, "author": author, "left": left}


def run(*args: str) -> str:
    out = StringIO()
    call_command("orphans", *args, stdout=out)
    return out.getvalue()


def test_given_the_installed_trackers_then_every_profile_reference_column_is_scanned() -> None:
    names = {column.name for column in ref_columns()}

    assert {
        "github.commit.author",
        "github.commit.committer",
        "github.commitcoauthor.person",
        "wg21.documentauthor.author",
        "mailing_lists.mailinglistmessage.sender",
    } <= names
    assert len(names) == len(ref_columns())


@pytest.mark.parametrize("alias", ALIASES)
def test_given_records_referencing_deleted_profiles_when_scanned_then_each_column_counts_them(
    alias: str,
) -> None:
    ids = world(alias)

    result = json.loads(run("--json", "--database", alias))

    assert result == {
        "orphans": {
            "github.commit.author": {
                "rows": 2,
                "missing_profiles": 1,
                "examples": [ids["gone"]],
                "fix": "set to null",
            },
            "github.commitcoauthor.person": {
                "rows": 2,
                "missing_profiles": 2,
                "examples": sorted([ids["gone"], ids["lost"]]),
                "fix": "deleted",
            },
            "wg21.documentauthor.author": {
                "rows": 1,
                "missing_profiles": 1,
                "examples": [ids["left"]],
                "fix": "deleted",
            },
        },
        "total": 5,
    }
    assert orphan_count(alias) == 5


@pytest.mark.parametrize("alias", ALIASES)
def test_given_orphans_when_fixed_then_references_are_emptied_and_a_second_fix_finds_nothing(
    alias: str,
) -> None:
    ids = world(alias)

    result = json.loads(run("--fix", "--json", "--database", alias))

    assert result["total"] == 5
    assert result["fixed"] == {
        "github.commit.author": {"action": "set to null", "rows": 2},
        "github.commitcoauthor.person": {"action": "deleted", "rows": 2},
        "wg21.documentauthor.author": {"action": "deleted", "rows": 1},
    }
    commits = manager(alias, "github", "Commit")
    assert list(commits.order_by("sha").values_list("author_profile_id", "author_kind")) == [
        (None, ""),
        (None, ""),
        (ids["kept"], "git_author"),
    ]
    co_authors = manager(alias, "github", "CommitCoAuthor")
    assert list(co_authors.values_list("commit__sha", "person_profile_id")) == [
        ("0".ljust(40, "a"), ids["kept"])
    ]
    authors = manager(alias, "wg21", "DocumentAuthor")
    assert list(authors.values_list("author_profile_id", flat=True)) == [ids["author"]]
    assert manager(alias, "wg21", "Document").count() == 1
    assert orphan_count(alias) == 0
    assert json.loads(run("--fix", "--json", "--database", alias)) == {
        "orphans": {},
        "total": 0,
        "fixed": {},
    }


@pytest.mark.parametrize("alias", ALIASES)
def test_given_orphans_when_printed_for_a_person_then_each_column_and_the_fix_show(
    alias: str,
) -> None:
    world(alias)

    before = run("--database", alias)
    fixed = run("--fix", "--database", alias)
    after = run("--database", alias)

    assert "github.commitcoauthor.person" in before
    assert "total: 5 rows" in before
    assert "fixed github.commit.author: 2 rows set to null" in fixed
    assert "fixed wg21.documentauthor.author: 1 row deleted" in fixed
    assert after == "no orphan references: every referenced profile exists\n"


@pytest.mark.parametrize("alias", ALIASES)
def test_given_more_rows_and_orphans_then_the_scan_and_fix_take_the_same_number_of_queries(
    alias: str,
) -> None:
    world(alias)
    connection = connections[alias]
    with CaptureQueriesContext(connection) as few_scan:
        found = scan(alias)
    with CaptureQueriesContext(connection) as few_fix:
        fix(found, alias)

    ids = world(alias, 1) | {"more": profile(alias, "git_author", "more@example.org")}
    for n in range(40):
        commit(alias, f"{n:040d}", ids["gone"], [ids["lost"], ids["kept"], ids["more"]])
        document(alias, f"p2{n:03d}r0", [ids["left"], ids["author"]])
    delete_profiles(alias, ids["more"])
    with CaptureQueriesContext(connection) as many_scan:
        found = scan(alias)
    with CaptureQueriesContext(connection) as many_fix:
        fix(found, alias)

    assert sum(orphans.rows for orphans in found) == 5 + 40 * (1 + 2 + 1)
    assert len(many_scan) == len(few_scan) == len(ref_columns()) + 1
    assert len(many_fix) == len(few_fix)
    assert scan(alias) == []


@pytest.mark.django_db(databases=["default"])
def test_given_the_hub_is_not_installed_then_the_command_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(orphans_module, "hub_installed", lambda: False)
    import adapters.django_orm.main.management.commands.orphans as command

    monkeypatch.setattr(command, "hub_installed", lambda: False)

    assert run() == orphans_module.NO_HUB + "\n"
    assert json.loads(run("--json"))["skipped"] == orphans_module.NO_HUB
    assert orphan_count() == 0
    with pytest.raises(LookupError):
        scan()


@pytest.mark.django_db(databases=["default"])
def test_given_a_database_without_the_tables_then_the_command_fails_in_one_line() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("DROP TABLE wg21_documentauthor")  # rolled back with the test

    with pytest.raises(CommandError, match=r"^cannot read the database \(.*\); run `trackerhub"):
        run()


@pytest.mark.django_db(databases=["default"])
def test_given_a_column_that_cannot_be_null_when_fixed_then_it_is_reported_not_fixed() -> None:
    ids = world("default")
    model = apps.get_model("github", "Commit")
    field = copy.copy(model._meta.get_field("author"))
    field.null = False
    column = RefColumn("github", model, field)
    found = [Orphans(column, 2, (ids["gone"],))]

    fixed = fix(found, "default")

    assert fixed == {"github.commit.author": ("not fixable", 0)}
    assert manager("default", "github", "Commit").filter(author_profile_id=ids["gone"]).count() == 2
    assert report(found, fixed)["orphans"]["github.commit.author"]["fix"] == "not fixable"
    assert "not fixed github.commit.author: the column cannot be NULL" in _text(
        report(found, fixed)
    )
