"""The user's exclusion terms on memory: normalised, kept apart from the built-in ones, and
applied by the next run over every profile."""

from datetime import UTC, datetime

import pytest

from adapters.memory import MemoryUnitOfWork
from adapters.memory.recommendations import MemoryRecommendationStore
from core.identity import IdentityHub
from core.identity.recommending import DEFAULT_EXCLUSIONS
from core.identity.reviewing import (
    Reviewer,
    ReviewError,
    TermKind,
    built_in_terms,
    exclusions_of,
    normalised_term,
)
from core.protocols import Actor
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from core.protocols.recommendation_store import Status

ANN = Actor.user("ann")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def setup() -> tuple[IdentityHub, Reviewer]:
    uow = MemoryUnitOfWork()
    hub = IdentityHub(uow)
    store = MemoryRecommendationStore(uow)
    return hub, Reviewer(uow, store, hub, terms=store, clock=lambda: AT)


def pair(hub: IdentityHub, first: str, second: str, email: str) -> None:
    hub.get_or_create_many(
        [GitAuthorClaim(first, email), MailingListSenderClaim(second, email.upper())]
    )


@pytest.mark.parametrize(
    ("kind", "value", "term"),
    [
        (TermKind.ADDRESS, " Build@Example.ORG ", "build@example.org"),
        (TermKind.LOCAL_PART, "Build", "build"),
        (TermKind.HOST, "Ci.Example.org.", "ci.example.org"),
        (TermKind.NAME, "  Build   Bot ", "build bot"),
        (TermKind.USERNAME, "Build-Robot", "build-robot"),
    ],
)
def test_given_a_term_when_normalised_then_it_is_compared_as_the_rules_compare_it(
    kind: TermKind, value: str, term: str
) -> None:
    assert normalised_term(kind, value) == term


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (TermKind.ADDRESS, "no address"),
        (TermKind.LOCAL_PART, "a@b"),
        (TermKind.HOST, "two words"),
        (TermKind.NAME, "   "),
    ],
)
def test_given_a_term_not_of_its_kind_when_normalised_then_a_review_error(
    kind: TermKind, value: str
) -> None:
    with pytest.raises(ReviewError):
        normalised_term(kind, value)


def test_given_terms_when_made_exclusions_then_each_kind_extends_its_field() -> None:
    made = exclusions_of([(TermKind.ADDRESS, "a@b.org"), (TermKind.USERNAME, "robot")])
    assert made.addresses == {"a@b.org"}
    assert made.bot_usernames == {"robot"}
    assert built_in_terms()[TermKind.HOST] == DEFAULT_EXCLUSIONS.hosts


def test_given_an_address_added_when_run_then_the_recommendation_resting_on_it_closes() -> None:
    hub, review = setup()
    pair(hub, "Jane Roe", "J. Roe", "jr@corp.acme.io")
    assert review.recommend().opened == 1
    review.add_exclusion(TermKind.ADDRESS, "JR@corp.acme.io", ANN)
    report = review.recommend()
    assert (report.changed, report.closed, review.count_open()) == (2, 1, 0)
    review.remove_exclusion(TermKind.ADDRESS, "jr@corp.acme.io")
    report = review.recommend()
    assert (report.changed, report.opened, review.count_open()) == (2, 1, 1)


def test_given_a_dismissed_pair_when_its_address_is_excluded_then_it_stays_dismissed() -> None:
    hub, review = setup()
    pair(hub, "Jane Roe", "J. Roe", "jr@corp.acme.io")
    review.recommend()
    (stored,) = review.listing()
    review.dismiss(stored.id, ANN)
    review.add_exclusion(TermKind.HOST, "acme.io", ANN)
    review.recommend()
    (kept,) = review.listing(decided=True)
    assert (kept.id, kept.status) == (stored.id, Status.DISMISSED)


def test_given_a_built_in_term_when_added_or_removed_then_a_review_error() -> None:
    _, review = setup()
    with pytest.raises(ReviewError, match="built in"):
        review.add_exclusion(TermKind.HOST, "Localhost", ANN)
    with pytest.raises(ReviewError, match="cannot be removed"):
        review.remove_exclusion(TermKind.HOST, "localhost")
    with pytest.raises(ReviewError, match="not excluded"):
        review.remove_exclusion(TermKind.HOST, "corp.acme.io")
    assert review.exclusions().user == ()
