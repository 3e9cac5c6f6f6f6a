"""``identities erase``, ``merge-profiles`` and ``apply-events``: the hub's change, its outbox
and every tracker's part, through the command line, on SQLite and PostgreSQL."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from adapters.django_orm.hub.models import OutboxMessage
from adapters.django_orm.main.bootstrap import identity_hub, pending_profile_events
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.ingest import ingest
from core.protocols import Actor, GitAuthorClaim, GitAuthorRef
from tests.support.databases import both_databases
from trackers.github.ingest import COMMITS, GITHUB
from trackers.github.records import CommitSeen

ALIASES = both_databases()

ANN = GitAuthorClaim("Ann Author", "ann@example.com")
ANN_AGAIN = GitAuthorClaim("Ann Author", "ann@work.example.com")
BOB = GitAuthorClaim("Bob Builder", "bob@example.com")
SHAS = ("a" * 40, "b" * 40)


def commits() -> list[object]:
    return [
        CommitSeen("boostorg/json", SHAS[0], ANN, BOB, (ANN_AGAIN, BOB), message="Fix parser"),
        CommitSeen("boostorg/json", SHAS[1], BOB, ANN_AGAIN, (ANN,), message="Add test"),
    ]


def collected(alias: str) -> tuple[DjangoUnitOfWork, dict[str, GitAuthorRef]]:
    uow = DjangoUnitOfWork(alias)
    hub = identity_hub(uow=uow)
    ingest(GITHUB, commits(), uow, hub, origin="json.git")
    found = hub.find_many([ANN, ANN_AGAIN, BOB])
    assert all(ref is not None for ref in found)
    return uow, dict(zip(("ann", "ann_again", "bob"), [r for r in found if r], strict=True))


def stored(uow: DjangoUnitOfWork) -> dict[str, Any]:
    with uow:
        found = uow.records(COMMITS).get_many([("boostorg/json", sha) for sha in SHAS])
    return {key[1][0]: commit for key, commit in found.items()}


def identities(alias: str, *args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("identities", *args, "--json", "--database", alias, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.mark.parametrize("alias", ALIASES)
def test_an_erased_git_author_leaves_every_commit_field_and_a_new_collect_brings_nothing_back(
    alias: str,
) -> None:
    uow, people = collected(alias)

    done = identities(alias, "erase", str(people["bob"].profile_id), "--reason", "request 12")
    ingest(GITHUB, commits(), uow, identity_hub(uow=uow), origin="json.git")

    assert done["rewritten"] == {"github.commit": 2}
    first, second = stored(uow)["a"], stored(uow)["b"]
    assert first.committer is None and first.co_authors == (people["ann_again"],)
    assert second.author is None and second.message == "Add test"
    assert identity_hub(alias).find_many([BOB]) == [None]
    assert pending_profile_events(alias) == 0
    # Every installed tracker applied it: the event has left the outbox.
    assert not OutboxMessage.objects.using(alias).exists()


@pytest.mark.parametrize("alias", ALIASES)
def test_folding_one_git_author_into_another_re_points_authors_committers_and_co_authors(
    alias: str,
) -> None:
    uow, people = collected(alias)
    ann, again = people["ann"], people["ann_again"]

    done = identities(alias, "merge-profiles", str(again.profile_id), str(ann.profile_id))

    assert done == {
        "source": again.profile_id,
        "into": ann.profile_id,
        "kind": "git_author",
        "rewritten": {"github.commit": 2},
    }
    first, second = stored(uow)["a"], stored(uow)["b"]
    assert first.author == ann and first.co_authors == (ann, people["bob"])
    assert second.committer == ann and second.co_authors == (ann,)


@pytest.mark.parametrize("alias", ALIASES)
def test_events_a_stopped_process_left_behind_are_applied_by_apply_events_or_the_next_collect(
    alias: str,
) -> None:
    uow, people = collected(alias)
    # The hub's change committed, and the process stopped before the trackers' part.
    identity_hub(alias).erase(people["bob"], actor=Actor.user("ann"), reason="request 3")
    assert pending_profile_events(alias) == 1
    assert stored(uow)["a"].committer == people["bob"]

    done = identities(alias, "apply-events")
    again = identities(alias, "apply-events")

    assert done["events"]["github"] == 1 and done["rewritten"] == {"github.commit": 2}
    assert again == {"events": {}, "rewritten": {}}
    assert stored(uow)["a"].committer is None
    stats = StringIO()
    call_command("stats", "--json", "--database", alias, stdout=stats)
    assert json.loads(stats.getvalue())["profile_events_pending"] == 0


@pytest.mark.parametrize("alias", ALIASES)
def test_the_commands_refuse_in_one_line_what_they_cannot_do(alias: str) -> None:
    _, people = collected(alias)
    bob = str(people["bob"].profile_id)

    with pytest.raises(CommandError, match="no profile with id 999"):
        identities(alias, "erase", "999", "--reason", "request 1")
    with pytest.raises(CommandError, match="say why"):
        identities(alias, "erase", bob, "--reason", "  ")
    with pytest.raises(CommandError, match="into itself"):
        identities(alias, "merge-profiles", bob, bob)
