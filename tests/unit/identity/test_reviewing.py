"""Runs of the recommendation rules kept in a store, and a person's decisions, on memory."""

from datetime import UTC, datetime

import pytest

from adapters.memory import MemoryUnitOfWork
from adapters.memory.recommendations import MemoryRecommendationStore
from core.identity import IdentityHub
from core.identity.mailmap import mailmap_recommendations
from core.identity.recommending import recommend
from core.identity.reviewing import RECOMMEND_JOB, Reviewer, ReviewError
from core.protocols import Actor
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim, SlackUserClaim
from core.protocols.recommendation_store import Status, StoredRecommendation
from core.protocols.refs import ProfileKind, ProfileRef, ref_of

ANN = Actor.user("ann")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def setup() -> tuple[IdentityHub, Reviewer]:
    uow = MemoryUnitOfWork()
    hub = IdentityHub(uow)
    return hub, Reviewer(uow, MemoryRecommendationStore(uow), hub, clock=lambda: AT)


def git(hub: IdentityHub, name: str, email: str) -> ProfileRef:
    ref = hub.get_or_create(GitAuthorClaim(name, email))
    assert ref is not None
    return ref


def lists(hub: IdentityHub, name: str, email: str) -> ProfileRef:
    ref = hub.get_or_create(MailingListSenderClaim(name, email))
    assert ref is not None
    return ref


def test_given_one_personal_address_when_recommended_then_one_open_conclusive_recommendation() -> (
    None
):
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = lists(hub, "Jane Doe", "jane@doe.org")

    report = review.recommend()

    assert (report.changed, report.opened) == (2, 1)
    [stored] = review.listing()
    assert {stored.pair.first, stored.pair.second} == {a, b}
    assert stored.recommendation.conclusive
    assert stored.status is Status.OPEN
    assert review.count_open() == 1


def test_given_a_run_when_nothing_changed_then_the_next_run_looks_at_no_profile() -> None:
    hub, review = setup()
    git(hub, "Jane Doe", "jane@doe.org")
    lists(hub, "Jane Doe", "jane@doe.org")
    review.recommend()

    report = review.recommend()

    assert (report.changed, report.opened, report.closed) == (0, 0, 0)
    assert review.count_open() == 1


def test_given_profiles_added_between_runs_when_run_again_then_the_store_equals_a_full_run() -> (
    None
):
    hub, review = setup()
    git(hub, "Jane Doe", "jane@doe.org")
    review.recommend()
    lists(hub, "Jane Doe", "jane@doe.org")
    git(hub, "J. Doe", "jane@doe.org")
    hub.get_or_create(SlackUserClaim("U1", username="janedoe", display_name="Jane Doe"))
    review.recommend()

    full = recommend(hub.get_many([*_all_refs(hub)]).values())

    assert [s.recommendation for s in sorted(review.listing(), key=_pair_order)] == full


def _all_refs(hub: IdentityHub) -> list[ProfileRef]:
    total = sum(hub.count_profiles().values())
    found = hub.get_many([ref_of(kind, i) for kind in ProfileKind for i in range(1, total + 1)])
    return list(found)


def _pair_order(stored: StoredRecommendation) -> tuple[int, int]:
    pair = stored.pair
    return (pair.first.profile_id, pair.second.profile_id)


def test_given_a_dismissed_pair_when_merged_unmerged_and_run_again_then_it_stays_dismissed() -> (
    None
):
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = lists(hub, "Jane Doe", "jane@doe.org")
    review.recommend()
    [stored] = review.listing()

    review.dismiss(stored.id, ANN, "two people")
    identity = hub.create_identity("Jane", actor=ANN)
    hub.link(a, identity, actor=ANN)
    other = hub.create_identity("Jane 2", actor=ANN)
    hub.link(b, other, actor=ANN)
    merge = hub.merge(identity, [other], actor=ANN, reason="test")
    hub.unmerge(merge, actor=ANN, reason="test")
    review.recommend()
    review.recommend(full=True)

    assert review.listing() == []
    [kept] = review.listing(decided=True)
    assert (kept.status, kept.reason, kept.decided_by) == (Status.DISMISSED, "two people", ANN)


def test_given_an_open_recommendation_when_accepted_then_both_profiles_share_a_new_identity() -> (
    None
):
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = lists(hub, "Jane Doe", "jane@doe.org")
    review.recommend()
    [stored] = review.listing()

    decision = review.accept(stored.id, ANN)

    assert decision.operation == "create"
    assert hub.identity_of(a) == hub.identity_of(b) == decision.identity
    assert review.get(stored.id).status is Status.ACCEPTED
    assert review.recommend().opened == 0
    entry = hub.audit(decision.identity)[0]
    assert entry.actor == ANN
    assert entry.evidence[0] == {
        "rule": "same_email",
        "first": "jane@doe.org",
        "second": "jane@doe.org",
        "score": 0.9,
        "conclusive": True,
    }


def test_given_two_identities_when_accepted_then_they_are_merged_into_the_first_profiles() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = lists(hub, "Jane Doe", "jane@doe.org")
    first = hub.create_identity("Jane", actor=ANN)
    hub.link(a, first, actor=ANN)
    second = hub.create_identity("J", actor=ANN)
    hub.link(b, second, actor=ANN)
    review.recommend()
    [stored] = review.listing()

    decision = review.accept(stored.id, ANN)

    assert (decision.operation, decision.identity) == ("merge", first)
    assert hub.identity(second).merged_into == first


def test_given_a_decided_recommendation_when_decided_again_then_a_review_error() -> None:
    hub, review = setup()
    git(hub, "Jane Doe", "jane@doe.org")
    lists(hub, "Jane Doe", "jane@doe.org")
    review.recommend()
    [stored] = review.listing()
    review.dismiss(stored.id, ANN)

    with pytest.raises(ReviewError, match="already dismissed"):
        review.accept(stored.id, ANN)
    with pytest.raises(ReviewError, match="no recommendation with id 99"):
        review.dismiss(99, ANN)


def test_given_apply_conclusive_when_run_then_conclusive_ones_are_accepted_by_the_job() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = lists(hub, "Jane Doe", "jane@doe.org")
    hub.get_or_create(SlackUserClaim("U1", username="x", display_name="Bob Builder"))
    hub.get_or_create(SlackUserClaim("U2", username="y", display_name="Bob Builder"))

    report = review.recommend(apply_conclusive=True)

    assert len(report.applied) == 1
    assert hub.identity_of(a) == hub.identity_of(b) is not None
    assert review.get(report.applied[0]).decided_by == RECOMMEND_JOB
    [left] = review.listing()
    assert not left.recommendation.conclusive


def test_given_a_profile_that_stops_matching_when_run_then_its_open_recommendation_is_closed() -> (
    None
):
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    lists(hub, "", "jane@doe.org")
    review.recommend()

    hub.remove_email(a, "jane@doe.org")
    report = review.recommend()

    assert report.closed == 1
    assert review.listing() == []


JOB = Actor.job("import-mailmap")


def test_given_a_group_made_elsewhere_when_applied_then_one_identity_and_recorded_pairs() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = git(hub, "J. Doe", "jd@work.example")
    c = lists(hub, "Jane", "jane@home.example")
    pairs = mailmap_recommendations([a, b, c], file=".mailmap", lines=[2, 5], shown_as="Jane")
    extra = ({"rule": "mailmap", "file": ".mailmap"},)

    applied = review.apply(pairs, JOB, "the mailmap", evidence=extra)

    assert [d.operation for d in applied.accepted] == ["create", "link"]
    identity = applied.accepted[0].identity
    assert {hub.identity_of(ref) for ref in (a, b, c)} == {identity}
    assert applied.accepted[0].linked == (a, b) and applied.accepted[1].linked == (c,)
    assert [s.status for s in review.listing(decided=True)] == [Status.ACCEPTED] * 2
    [entry, *_] = hub.audit(identity, limit=1)
    assert entry.actor == JOB and entry.evidence[-1] == extra[0]


def test_given_identities_when_a_group_joins_them_then_merged_into_the_first_profiles() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = git(hub, "J. Doe", "jd@work.example")
    first, second = hub.create_identity("Jane", actor=ANN), hub.create_identity("J", actor=ANN)
    hub.link(a, first, actor=ANN)
    hub.link(b, second, actor=ANN)

    applied = review.apply(mailmap_recommendations([a, b], file="m", lines=[1], shown_as="J"), JOB)

    [decision] = applied.accepted
    assert (decision.operation, decision.identity, decision.retired) == ("merge", first, second)
    assert decision.merge is not None
    assert hub.identity_of(b) == first


def test_given_an_accepted_pair_parted_since_when_applied_again_then_it_stays_apart() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = git(hub, "J. Doe", "jd@work.example")
    pairs = mailmap_recommendations([a, b], file="m", lines=[1], shown_as="J")
    [decision] = review.apply(pairs, JOB).accepted
    hub.unlink(b, actor=ANN, reason="not her")

    again = review.apply(pairs, JOB)

    assert again.accepted == () and [s.id for s in again.parted] == [decision.recommendation.id]
    assert hub.identity_of(b) is None


def test_given_a_locked_identity_when_a_job_applies_a_group_then_nothing_of_it_is_done() -> None:
    hub, review = setup()
    a = git(hub, "Jane Doe", "jane@doe.org")
    b = git(hub, "J. Doe", "jd@work.example")
    c = git(hub, "Jane D.", "jane@home.example")
    locked = hub.create_identity("Jane", actor=ANN)
    hub.link(c, locked, actor=ANN)
    hub.lock(locked, actor=ANN)

    applied = review.apply(
        mailmap_recommendations([a, b, c], file="m", lines=[1], shown_as="J"), JOB
    )

    assert applied.refused is not None and applied.accepted == ()
    assert review.listing(decided=True) == []
    assert (hub.identity_of(a), hub.identity_of(b)) == (None, None)
