"""``trackerhub identities recommend | recommendations | accept | dismiss``: stored
recommendations and their review, on SQLite and PostgreSQL, with query counts that do not grow
with the number of profiles changed."""

import getpass
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from adapters.django_orm.hub.models import AuditEntry, Recommendation
from adapters.django_orm.hub.recommendations import count_open
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity import IdentityHub
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from core.protocols.refs import ProfileRef
from tests.support.databases import both_databases

ALIASES = both_databases()


def identities(alias: str, *args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("identities", *args, "--json", "--database", alias, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def text(alias: str, *args: str) -> str:
    out = StringIO()
    call_command("identities", *args, "--database", alias, stdout=out)
    return out.getvalue()


def people(alias: str, n: int, start: int = 0) -> list[ProfileRef]:
    """``n`` people, each a git author and a list sender on one address."""
    hub = IdentityHub(DjangoUnitOfWork(alias))
    claims: list[GitAuthorClaim | MailingListSenderClaim] = []
    for i in range(start, start + n):
        claims.append(GitAuthorClaim(f"Person Number{i}", f"person{i}@example{i}.net"))
        claims.append(MailingListSenderClaim(f"Person Number{i}", f"person{i}@example{i}.net"))
    refs = hub.get_or_create_many(claims)
    return [ref for ref in refs if ref is not None]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_profiles_when_recommend_then_recommendations_lists_them_with_evidence(
    alias: str,
) -> None:
    people(alias, 2)

    run = identities(alias, "recommend")
    listed = identities(alias, "recommendations")

    assert (run["changed_profiles"], run["opened"], run["open"]) == (4, 2, 2)
    assert listed["open"] == count_open(alias) == 2
    first = listed["recommendations"][0]
    assert first["rules"] == ["same_email", "same_name"]
    assert first["conclusive"] is True
    assert {first["first"]["kind"], first["second"]["kind"]} == {"git_author", "mailing_list"}
    assert first["first"]["display_name"] == "Person Number0"
    assert first["evidence"][0]["rule"] == "same_email"
    assert "score 0.950, conclusive" in text(alias, "recommendations", "--limit", "1")
    assert identities(alias, "recommend")["changed_profiles"] == 0


@pytest.mark.parametrize("alias", ALIASES)
def test_given_an_open_recommendation_when_accepted_then_the_profiles_share_an_identity(
    alias: str,
) -> None:
    git, sender = people(alias, 1)
    identities(alias, "recommend")
    [item] = identities(alias, "recommendations")["recommendations"]

    accepted = identities(alias, "accept", str(item["id"]), "--reason", "same person")

    hub = IdentityHub(DjangoUnitOfWork(alias))
    assert hub.identity_of(git) == hub.identity_of(sender) is not None
    assert accepted["operation"] == "create"
    row = Recommendation.objects.using(alias).get(pk=item["id"])
    assert (row.status, row.decided_by_kind, row.decided_by_name) == (
        "accepted",
        "user",
        getpass.getuser(),
    )
    entry = AuditEntry.objects.using(alias).filter(operation="link").first()
    assert entry is not None and entry.evidence[0]["rule"] == "same_email"
    assert identities(alias, "recommendations")["recommendations"] == []
    assert len(identities(alias, "recommendations", "--all")["recommendations"]) == 1
    with pytest.raises(CommandError, match="already accepted"):
        identities(alias, "accept", str(item["id"]))


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_dismissal_when_merged_and_recollected_then_the_pair_is_never_reopened(
    alias: str,
) -> None:
    git, sender = people(alias, 1)
    identities(alias, "recommend")
    [item] = identities(alias, "recommendations")["recommendations"]

    dismissed = identities(alias, "dismiss", str(item["id"]), "--reason", "namesakes")
    hub = IdentityHub(DjangoUnitOfWork(alias))
    one = hub.create_identity("P")
    hub.link(git, one)
    other = hub.create_identity("Q")
    hub.link(sender, other)
    text(alias, "merge", str(one.identity_id), str(other.identity_id))
    people(alias, 1)  # collected again
    identities(alias, "recommend")
    identities(alias, "recommend", "--full")

    assert dismissed["status"] == "dismissed"
    assert identities(alias, "recommendations")["open"] == 0
    assert Recommendation.objects.using(alias).get().reason == "namesakes"


@pytest.mark.parametrize("alias", ALIASES)
def test_given_apply_conclusive_when_recommend_then_the_job_accepts_them(alias: str) -> None:
    git, sender = people(alias, 1)

    run = identities(alias, "recommend", "--apply-conclusive")

    assert len(run["applied"]) == 1
    hub = IdentityHub(DjangoUnitOfWork(alias))
    assert hub.identity_of(git) == hub.identity_of(sender) is not None
    row = Recommendation.objects.using(alias).get()
    assert (row.status, row.decided_by_kind, row.decided_by_name) == (
        "accepted",
        "job",
        "recommend",
    )


@pytest.mark.parametrize("alias", ALIASES)
def test_given_bad_ids_when_accepted_or_dismissed_then_one_line_errors(alias: str) -> None:
    with pytest.raises(CommandError, match="no recommendation with id 7"):
        identities(alias, "accept", "7")
    with pytest.raises(CommandError, match="no recommendation with id 7"):
        identities(alias, "dismiss", "7")
    with pytest.raises(CommandError, match="--limit must be at least 1"):
        identities(alias, "recommendations", "--limit", "0")


@pytest.mark.parametrize("alias", ALIASES)
def test_given_more_changed_profiles_when_recommend_then_the_same_number_of_queries(
    alias: str,
) -> None:
    people(alias, 3)
    identities(alias, "recommend")
    counts = []
    for start, n in ((100, 2), (200, 12)):
        people(alias, n, start)
        with CaptureQueriesContext(connections[alias]) as captured:
            run = identities(alias, "recommend")
        assert run["changed_profiles"] == 2 * n
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]
