"""The GitHub app alone: its migrations run and its stores and ingest work with no hub tables.
Run by tests/django/test_subset_schema.py under tests.subset.settings_github."""

import pytest
from django.apps import apps
from django.db import connections

from adapters.django_orm.github.repository import DjangoGitHubUnitOfWork
from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols import GitAuthorRef, GitHubAccountRef
from core.protocols.claims import GitHubAccountClaim
from core.protocols.ingest import Outcome
from trackers.github.ingest import ingest_github
from trackers.github.records import Commit, GitHubSeen, Issue, IssueSeen, PullRequest

ALIASES = [
    pytest.param("default", marks=pytest.mark.django_db(databases=["default"]), id="sqlite"),
    pytest.param(
        "postgres",
        marks=[pytest.mark.django_db(databases=["postgres"]), pytest.mark.postgres],
        id="postgres",
    ),
]

TABLES = {
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
}

# Profile ids no table of this database holds: there is no hub here at all.
NOWHERE = 10**12


def test_only_the_github_app_of_the_project_is_installed() -> None:
    project_apps = {c.label for c in apps.get_app_configs() if c.name.startswith("adapters.")}
    assert project_apps == {"github"}


@pytest.mark.parametrize("alias", ALIASES)
def test_the_app_migrates_its_tables_without_any_hub_table(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        tables = set(connections[alias].introspection.table_names(cursor))

    assert tables >= TABLES
    assert not {t for t in tables if t.startswith("hub_")}


@pytest.mark.parametrize("alias", ALIASES)
def test_stores_keep_references_to_profiles_that_exist_nowhere(alias: str) -> None:
    # given records whose people are profile ids no table here holds
    uow = DjangoGitHubUnitOfWork(alias)
    commit = Commit(
        "o/r",
        "f" * 40,
        author=GitAuthorRef(NOWHERE + 1),
        committer=GitHubAccountRef(NOWHERE + 2),
        co_authors=(GitHubAccountRef(NOWHERE + 3), GitAuthorRef(NOWHERE + 4)),
    )
    issue = Issue(
        "o/r",
        1,
        1,
        author=GitHubAccountRef(NOWHERE + 5),
        labels=("bug",),
        assignees=(GitHubAccountRef(NOWHERE + 6),),
    )
    pull = PullRequest("o/r", 2, assignees=(GitHubAccountRef(NOWHERE + 7),))

    # when they are stored and committed
    with uow:
        uow.commits.add_many([commit])
        uow.issues.add_many([issue])
        uow.pull_requests.add_many([pull])
        uow.commit()

    # then they read back with their references intact
    with uow:
        assert uow.commits.get_many([("o/r", "f" * 40)]) == {("o/r", "f" * 40): commit}
        assert uow.issues.get_many([("o/r", 1)]) == {("o/r", 1): issue}
        assert uow.pull_requests.get_many([("o/r", 2)]) == {("o/r", 2): pull}


@pytest.mark.parametrize("alias", ALIASES)
def test_activity_is_ingested_with_people_from_any_hub(alias: str) -> None:
    # given a hub that is not in this database at all
    hub = IdentityHub(MemoryUnitOfWork())
    uow = DjangoGitHubUnitOfWork(alias)
    octo = GitHubAccountClaim(github_id=1, login="octocat")
    items: list[GitHubSeen] = [
        IssueSeen("o/r", n, n, author=octo, labels=("bug",), assignees=(octo,)) for n in range(1, 4)
    ]

    # when the issues are ingested twice
    first = ingest_github(items, uow, hub, origin="issues.json")
    second = ingest_github(items, uow, hub, origin="issues.json")

    # then they are stored once, with soft references to the other store's profiles
    assert first.counts["github.issue"][Outcome.ADDED] == 3
    assert second.counts["github.issue"][Outcome.UNCHANGED] == 3
    with uow:
        assert uow.issues.count() == 3
        stored = uow.issues.get_many([("o/r", 1)])[("o/r", 1)]
    assert stored.author is not None and hub.get(stored.author) is not None
