"""The recommendation store and the review use cases: the same behaviour on memory, Django
on SQLite and Django on PostgreSQL."""

from datetime import UTC, datetime

from adapters.memory import MemoryUnitOfWork
from adapters.memory.recommendations import MemoryRecommendationStore
from core.identity import IdentityHub
from core.identity.recommending import recommend
from core.identity.reviewing import Reviewer
from core.protocols import Actor
from core.protocols.claims import (
    GitAuthorClaim,
    GitHubAccountClaim,
    MailingListSenderClaim,
    SlackUserClaim,
)
from core.protocols.recommendation_store import RecommendationStore, Status
from core.protocols.recommendations import Recommendation
from core.protocols.refs import ProfileRef
from tests.contract.conftest import Backend

ANN = Actor.user("ann")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def reviewer(backend: Backend) -> tuple[IdentityHub, Reviewer]:
    uow = backend.make_uow()
    store: RecommendationStore
    if isinstance(uow, MemoryUnitOfWork):
        store = MemoryRecommendationStore(uow)
    else:
        from adapters.django_orm.hub.recommendations import DjangoRecommendationStore

        assert backend.alias is not None
        store = DjangoRecommendationStore(backend.alias)
    hub = backend.hub(uow=uow)
    return hub, Reviewer(uow, store, hub, clock=lambda: AT)


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
