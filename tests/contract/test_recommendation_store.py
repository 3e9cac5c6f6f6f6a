"""The recommendation store and the review use cases: the same behaviour on memory, Django
on SQLite and Django on PostgreSQL."""

from datetime import UTC, datetime

from adapters.memory import MemoryUnitOfWork
from adapters.memory.recommendations import MemoryRecommendationStore
from core.identity import IdentityHub
from core.identity.mailmap import mailmap_recommendations
from core.identity.recommending import recommend
from core.identity.reviewing import Reviewer
from core.protocols import Actor
from core.protocols.audit import AuditEvidence
from core.protocols.claims import (
    GitAuthorClaim,
    GitHubAccountClaim,
    MailingListSenderClaim,
    SlackUserClaim,
)
from core.protocols.errors import IdentityLocked
from core.protocols.recommendation_store import RecommendationStore, Status, StoredRecommendation
from core.protocols.recommendations import ProfilePair, Recommendation, Rule
from core.protocols.refs import ProfileRef
from core.protocols.unit_of_work import UnitOfWork
from tests.contract.conftest import Backend

ANN = Actor.user("ann")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def parts(backend: Backend) -> tuple[UnitOfWork, RecommendationStore, IdentityHub, Reviewer]:
    uow = backend.make_uow()
    store: RecommendationStore
    if isinstance(uow, MemoryUnitOfWork):
        store = MemoryRecommendationStore(uow)
    else:
        from adapters.django_orm.hub.recommendations import DjangoRecommendationStore

        assert backend.alias is not None
        store = DjangoRecommendationStore(backend.alias)
    hub = backend.hub(uow=uow)
    return uow, store, hub, Reviewer(uow, store, hub, clock=lambda: AT)


def reviewer(backend: Backend) -> tuple[IdentityHub, Reviewer]:
    _, _, hub, review = parts(backend)
    return hub, review


def people(hub: IdentityHub) -> list[ProfileRef]:
    refs = hub.get_or_create_many(
        [
            GitAuthorClaim("Jane Doe", "jane@doe.org"),
            MailingListSenderClaim("Jane Doe", "jane@doe.org"),
            GitAuthorClaim("Bob Builder", "bob@build.er"),
            SlackUserClaim("U1", username="bobthebuilder", display_name="Bob Builder"),
            GitHubAccountClaim(github_id=42, login="bobthebuilder", display_name="Bob"),
        ]
    )
    assert all(ref is not None for ref in refs)
    return [ref for ref in refs if ref is not None]


def later(hub: IdentityHub) -> list[ProfileRef]:
    refs = hub.get_or_create_many(
        [
            GitAuthorClaim("J. Doe", "jane@doe.org"),
            GitAuthorClaim("Bob Builder", "42+bobthebuilder@users.noreply.github.com"),
        ]
    )
    return [ref for ref in refs if ref is not None]


def listed(review: Reviewer) -> list[tuple[tuple[int, int], Recommendation, Status]]:
    return sorted(
        (
            (s.pair.first.profile_id, s.pair.second.profile_id),
            s.recommendation,
            s.status,
        )
        for s in review.listing(decided=True)
    )


def everyone(hub: IdentityHub, refs: list[ProfileRef]) -> list[Recommendation]:
    """A full run over the given profiles: ids are the database's, not 1, 2, 3..."""
    return recommend(hub.get_many(refs).values())


def test_given_runs_between_collections_when_listed_then_incremental_equals_full(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    first = people(hub)
    review.recommend()
    refs = first + later(hub)

    review.recommend()

    assert [r for _, r, _ in listed(review)] == everyone(hub, refs)
    assert review.count_open() == len(everyone(hub, refs)) > 2


def test_given_a_dismissal_when_merged_and_run_again_then_the_pair_stays_dismissed(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    jane_git, jane_list, *_ = people(hub)
    review.recommend()
    [first] = [
        s for s in review.listing() if {s.pair.first, s.pair.second} == {jane_git, jane_list}
    ]
    review.dismiss(first.id, ANN, "namesakes")

    identity = hub.create_identity("Jane", actor=ANN)
    hub.link(jane_git, identity, actor=ANN)
    later(hub)
    review.recommend()
    hub.unlink(jane_git, actor=ANN)
    review.recommend()
    review.recommend(full=True)

    assert review.get(first.id).status is Status.DISMISSED
    open_pairs = {(s.pair.first, s.pair.second) for s in review.listing()}
    assert (first.pair.first, first.pair.second) not in open_pairs


def test_given_an_open_recommendation_when_accepted_then_the_profiles_share_one_identity(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    people(hub)
    review.recommend()
    best = review.listing(1)[0]

    decision = review.accept(best.id, ANN, "checked")

    assert hub.identity_of(best.pair.first) == hub.identity_of(best.pair.second)
    assert hub.identity_of(best.pair.first) == decision.identity
    stored = review.get(best.id)
    assert (stored.status, stored.decided_by, stored.reason) == (Status.ACCEPTED, ANN, "checked")
    review.recommend()
    assert review.get(best.id).status is Status.ACCEPTED


def test_given_the_same_history_when_run_on_every_adapter_then_they_agree(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    people(hub)
    review.recommend()
    review.dismiss(by_keys(hub, review, ("github", "id:42"), ("slack", "U1")), ANN)
    later(hub)
    review.recommend(apply_conclusive=True)

    memory_hub, memory_review = reviewer(Backend("memory", MemoryUnitOfWork))
    people(memory_hub)
    memory_review.recommend()
    memory_review.dismiss(
        by_keys(memory_hub, memory_review, ("github", "id:42"), ("slack", "U1")), ANN
    )
    later(memory_hub)
    memory_review.recommend(apply_conclusive=True)

    assert normal(hub, review) == normal(memory_hub, memory_review)


def by_keys(hub: IdentityHub, review: Reviewer, *keys: tuple[str, str]) -> int:
    found = review.listing()
    refs = {ref for s in found for ref in (s.pair.first, s.pair.second)}
    of = {ref: (ref.kind.value, p.record.key) for ref, p in hub.get_many(refs).items()}
    [chosen] = [s.id for s in found if {of[s.pair.first], of[s.pair.second]} == set(keys)]
    return chosen


def normal(hub: IdentityHub, review: Reviewer) -> list[tuple[object, ...]]:
    """The stored recommendations by the profiles' natural keys: ids differ between
    databases."""
    found = review.listing(decided=True)
    refs = {ref for s in found for ref in (s.pair.first, s.pair.second)}
    keys = {ref: (ref.kind.value, p.record.key) for ref, p in hub.get_many(refs).items()}
    return sorted(
        (
            tuple(sorted((keys[s.pair.first], keys[s.pair.second]))),
            s.recommendation.score,
            frozenset(e.rule for e in s.recommendation.evidence),
            s.recommendation.conclusive,
            s.status,
        )
        for s in found
    )


MAILMAP_JOB = Actor.job("import-mailmap")
MAILMAP_EVIDENCE: AuditEvidence = ({"rule": "mailmap", "file": ".mailmap", "lines": [3]},)


def test_given_pairs_made_elsewhere_when_applied_twice_then_stored_accepted_and_then_unchanged(
    backend: Backend,
) -> None:
    uow, store, hub, review = parts(backend)
    jane_git, jane_list, bob_git, bob_slack, bob_github = people(hub)
    review.recommend()
    [open_jane] = store_among(uow, store, [ProfilePair.of(jane_git, jane_list)])
    [dismissed] = mailmap_recommendations([bob_git, bob_slack], file="old", lines=[1], shown_as="B")
    with uow:
        store.save_open([dismissed], AT)
        uow.commit()
    [to_dismiss] = store_among(uow, store, [dismissed.pair])
    review.dismiss(to_dismiss.id, ANN, "two Bobs")
    jane = mailmap_recommendations([jane_git, jane_list], file=".mailmap", lines=[3], shown_as="J")
    bobs = mailmap_recommendations(
        [bob_git, bob_slack, bob_github], file=".mailmap", lines=[4], shown_as="B"
    )

    first = review.apply([*jane, *bobs], MAILMAP_JOB, "the mailmap", evidence=MAILMAP_EVIDENCE)
    second = review.apply([*jane, *bobs], MAILMAP_JOB, "the mailmap", evidence=MAILMAP_EVIDENCE)

    assert first.refused is None and second.refused is None
    assert [d.recommendation.pair for d in first.accepted] == [jane[0].pair, bobs[1].pair]
    assert first.accepted[0].recommendation.id == open_jane.id  # the rules' one, accepted
    assert [s.id for s in first.dismissed] == [to_dismiss.id]
    assert second.accepted == () and second.joined == (jane[0].pair, bobs[1].pair)
    assert [s.id for s in second.dismissed] == [to_dismiss.id]
    stored = {s.pair: s for s in store_among(uow, store, [*(r.pair for r in jane + bobs)])}
    assert stored[dismissed.pair].status is Status.DISMISSED
    for pair in (jane[0].pair, bobs[1].pair):
        assert (stored[pair].status, stored[pair].decided_by) == (Status.ACCEPTED, MAILMAP_JOB)
        assert stored[pair].recommendation.score == 1.0
        assert hub.identity_of(pair.first) == hub.identity_of(pair.second) is not None
    rules = {e.rule for e in stored[jane[0].pair].recommendation.evidence}
    assert Rule.MAILMAP in rules and len(rules) > 1
    assert hub.identity_of(bob_slack) is None


def test_given_a_locked_identity_when_pairs_are_applied_by_a_job_then_nothing_is_stored(
    backend: Backend,
) -> None:
    uow, store, hub, review = parts(backend)
    jane_git, jane_list, *_ = people(hub)
    jane = hub.create_identity("Jane", actor=ANN)
    hub.link(jane_git, jane, actor=ANN)
    hub.lock(jane, actor=ANN)
    pairs = mailmap_recommendations([jane_git, jane_list], file="m", lines=[1], shown_as="J")

    applied = review.apply(pairs, MAILMAP_JOB, evidence=MAILMAP_EVIDENCE)

    assert isinstance(applied.refused, IdentityLocked)
    assert applied.accepted == ()
    assert store_among(uow, store, [pairs[0].pair]) == []
    assert hub.identity_of(jane_list) is None


def store_among(
    uow: UnitOfWork, store: RecommendationStore, pairs: list[ProfilePair]
) -> list[StoredRecommendation]:
    with uow:
        return store.among(pairs)


def test_given_an_open_recommendation_when_one_of_its_profiles_is_erased_then_it_is_gone(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    jane_git, jane_list, *_ = people(hub)
    review.recommend()
    before = review.count_open()
    [jane] = [s for s in review.listing() if {s.pair.first, s.pair.second} == {jane_git, jane_list}]

    hub.erase(jane_list, actor=ANN, reason="request 5")

    assert review.count_open() == before - 1
    assert jane.id not in {s.id for s in review.listing(decided=True)}
    review.recommend()
    assert jane.id not in {s.id for s in review.listing(decided=True)}


def test_given_a_recommendation_on_an_address_when_it_is_removed_then_incremental_equals_full(
    backend: Backend,
) -> None:
    hub, review = reviewer(backend)
    _, jane_list, *_ = people(hub)
    hub.add_email(jane_list, "jane@lists.example.org", primary=True)
    review.recommend()
    with_address = listed(review)

    hub.remove_email(jane_list, "jane@doe.org")
    review.recommend()
    incremental = listed(review)
    review.recommend(full=True)

    assert incremental == listed(review) != with_address
