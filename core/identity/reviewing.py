"""Reviewing recommendations: runs of the rules kept in a store, and a person's decisions.

A run looks only at the profiles changed since the last one, with every other profile as the
index (core.identity.recommending.recommend_changed), so it costs what changed, not what is
stored. Its result replaces the open recommendations of the changed profiles; a pair someone
decided stays decided. Accepting a recommendation joins the two profiles' identities through
the hub (merge or link, audited, with the evidence); dismissing it closes the pair for good.
"""

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

import attrs

from core.identity.hub import IdentityHub
from core.identity.normalize import clean, fold, is_address, raw_email
from core.identity.recommending import (
    DEFAULT_EXCLUSIONS,
    blocking_keys,
    extended,
    recommend_changed,
)
from core.protocols.audit import Actor, AuditEvidence, MergeRef
from core.protocols.errors import IdentityError
from core.protocols.recommendation_store import RecommendationStore, Status, StoredRecommendation
from core.protocols.recommendations import Exclusions, ProfilePair, Recommendation
from core.protocols.refs import IdentityRef, ProfileRef
from core.protocols.unit_of_work import UnitOfWork

# The actor of a run that applies conclusive recommendations.
RECOMMEND_JOB = Actor.job("recommend")

type Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


class ReviewError(Exception):
    """A decision that cannot be made: no such recommendation, or one already decided."""


class TermKind(StrEnum):
    """What a user's exclusion term is; stored, so the values never change."""

    ADDRESS = "address"
    LOCAL_PART = "local-part"
    HOST = "host"
    NAME = "name"
    # A bot's username: a profile carrying it takes part in no rule.
    USERNAME = "username"


# The Exclusions field each kind of term extends.
_FIELD = {
    TermKind.ADDRESS: "addresses",
    TermKind.LOCAL_PART: "local_parts",
    TermKind.HOST: "hosts",
    TermKind.NAME: "names",
    TermKind.USERNAME: "bot_usernames",
}

type Term = tuple[TermKind, str]


def normalised_term(kind: TermKind, value: str) -> str:
    """A term as it is stored and compared: the way the rules normalise that kind of value.
    Raises ReviewError for a term that is not of its kind."""
    text = clean(value)
    match kind:
        case TermKind.ADDRESS:
            term = raw_email(text)
            if not is_address(term):
                raise ReviewError(f"not an address: {value!r}")
        case TermKind.LOCAL_PART | TermKind.HOST:
            term = text.casefold().strip(".") if kind is TermKind.HOST else text.casefold()
            if "@" in term or " " in term:
                raise ReviewError(f"not a {kind.value}: {value!r} (no '@' nor spaces)")
        case TermKind.NAME | TermKind.USERNAME:
            term = fold(text)
    if not term:
        raise ReviewError(f"an empty {kind.value} excludes nothing")
    return term


def built_in_terms(base: Exclusions = DEFAULT_EXCLUSIONS) -> dict[TermKind, frozenset[str]]:
    """The default exclusions of each kind, normalised as terms are."""
    found: dict[TermKind, frozenset[str]] = {}
    for kind, field in _FIELD.items():
        terms: set[str] = set()
        for value in getattr(base, field):
            try:
                terms.add(normalised_term(kind, value))
            except ReviewError:
                terms.add(value)  # a placeholder such as "nobody@nowhere"
        found[kind] = frozenset(terms)
    return found


def exclusions_of(terms: Iterable[Term]) -> Exclusions:
    """The Exclusions that a user's terms make."""
    fields: dict[str, set[str]] = {field: set() for field in _FIELD.values()}
    for kind, value in terms:
        fields[_FIELD[kind]].add(value)
    return Exclusions(**{name: frozenset(values) for name, values in fields.items()})


class ExclusionTerms(Protocol):
    """Where the user's exclusion terms are kept, in the review's transactions."""

    def exclusion_terms(self) -> list[Term]:
        """Every stored term, in order."""
        ...

    def add_exclusion_terms(self, terms: Collection[Term], actor: Actor, at: datetime) -> None:
        """Store terms that are not stored yet."""
        ...

    def remove_exclusion_terms(self, terms: Collection[Term]) -> None: ...


@attrs.frozen
class ExclusionListing:
    """The exclusions in force per kind: those built in, and the user's."""

    built_in: dict[TermKind, frozenset[str]]
    user: tuple[Term, ...]


@attrs.frozen
class RunReport:
    """What one run did."""

    changed: int
    opened: int
    refreshed: int
    closed: int
    applied: tuple[int, ...] = ()
    # Conclusive recommendations the hub refused (a locked identity), left open.
    refused: tuple[tuple[int, str], ...] = ()


@attrs.frozen
class Decision:
    """What accepting did: the identity the two profiles now share; the profiles linked to it
    (both, when it was created for them); the merge that joined the second profile's
    identity to it, and that identity, now retired."""

    recommendation: StoredRecommendation
    identity: IdentityRef
    operation: str
    linked: tuple[ProfileRef, ...] = ()
    merge: MergeRef | None = None
    retired: IdentityRef | None = None


@attrs.frozen
class Applied:
    """What applying recommendations made elsewhere did (Reviewer.apply)."""

    accepted: tuple[Decision, ...] = ()
    # Pairs already in one identity: not recorded.
    joined: tuple[ProfilePair, ...] = ()
    # Pairs someone dismissed: left alone.
    dismissed: tuple[StoredRecommendation, ...] = ()
    # Pairs accepted before whose profiles were parted since (unmerged, unlinked): left apart.
    parted: tuple[StoredRecommendation, ...] = ()
    # What the hub refused (a locked identity): then nothing was done.
    refused: IdentityError | None = None


def combined(stored: Recommendation, new: Recommendation) -> Recommendation:
    """A pair's stored recommendation with ``new``'s evidence in place of its own from the
    same rules, and the better score."""
    rules = {e.rule for e in new.evidence}
    evidence = (*(e for e in stored.evidence if e.rule not in rules), *new.evidence)
    return Recommendation(
        new.pair,
        max(stored.score, new.score),
        evidence,
        any(e.conclusive for e in evidence),
    )


def evidence_of(recommendation: Recommendation) -> AuditEvidence:
    """The audit evidence of a recommendation: one mapping per finding, then the score."""
    pair = recommendation.pair
    return (
        *(
            {
                "rule": e.rule.value,
                "first": e.first,
                "second": e.second,
                "score": e.score,
                "conclusive": e.conclusive,
            }
            for e in recommendation.evidence
        ),
        {
            "recommendation": "score",
            "score": recommendation.score,
            "profiles": [
                [pair.first.kind.value, pair.first.profile_id],
                [pair.second.kind.value, pair.second.profile_id],
            ],
        },
    )


class Reviewer:
    """The review use cases over a unit of work, a store sharing its transactions, and a hub
    on the same unit of work."""

    def __init__(
        self,
        uow: UnitOfWork,
        store: RecommendationStore,
        hub: IdentityHub,
        *,
        exclusions: Exclusions = DEFAULT_EXCLUSIONS,
        terms: ExclusionTerms | None = None,
        clock: Clock = _now,
    ) -> None:
        """``exclusions`` are the built-in ones; ``terms``, where the user's extensions of
        them are kept, if anywhere."""
        self._uow = uow
        self._store = store
        self._hub = hub
        self._exclusions = exclusions
        self._terms = terms
        self._clock = clock

    def exclusions(self) -> ExclusionListing:
        with self._uow:
            user = () if self._terms is None else tuple(self._terms.exclusion_terms())
        return ExclusionListing(built_in_terms(self._exclusions), user)

    def add_exclusion(self, kind: TermKind, value: str, actor: Actor) -> str:
        """Exclude a term from the rules' evidence from the next run on, which then looks at
        every profile again (the term may undo old findings). Returns the term as stored."""
        term = normalised_term(kind, value)
        if term in built_in_terms(self._exclusions)[kind]:
            raise ReviewError(f"{kind.value} {term!r} is already excluded (built in)")
        terms = self._user_terms()
        with self._uow as uow:
            if (kind, term) not in terms.exclusion_terms():
                terms.add_exclusion_terms([(kind, term)], actor, self._clock())
                self._store.reset()
                uow.commit()
        return term

    def remove_exclusion(self, kind: TermKind, value: str) -> str:
        """Let a user's term count again from the next run on, which then looks at every
        profile again. A built-in exclusion cannot be removed."""
        term = normalised_term(kind, value)
        terms = self._user_terms()
        with self._uow as uow:
            if (kind, term) not in terms.exclusion_terms():
                if term in built_in_terms(self._exclusions)[kind]:
                    raise ReviewError(f"{kind.value} {term!r} is built in and cannot be removed")
                raise ReviewError(f"{kind.value} {term!r} is not excluded")
            terms.remove_exclusion_terms([(kind, term)])
            self._store.reset()
            uow.commit()
        return term

    def _user_terms(self) -> ExclusionTerms:
        if self._terms is None:
            raise ReviewError("this review keeps no exclusion terms")
        return self._terms

    def recommend(self, *, apply_conclusive: bool = False, full: bool = False) -> RunReport:
        """Run the rules over the profiles changed since the last run (every profile with
        ``full``, or on a first run); with ``apply_conclusive``, accept the conclusive ones as
        the job ``recommend``."""
        store = self._store
        with self._uow as uow:
            if full:
                store.reset()
            changed, watermark = store.changed_profiles()
            # The index first, so that the changed profiles meet each other through it too.
            store.index({p.ref: blocking_keys(p) for p in changed})
            exclusions = self._exclusions
            if self._terms is not None:
                exclusions = extended(exclusions, exclusions_of(self._terms.exclusion_terms()))
            found = recommend_changed(changed, store, exclusions=exclusions)
            decided = store.decided_among([r.pair for r in found])
            found = [r for r in found if r.pair not in decided]
            wanted = {r.pair for r in found}
            before = {s.pair: s for s in store.open_involving([p.ref for p in changed])}
            stale = [pair for pair in before if pair not in wanted]
            store.remove_open(stale)
            store.save_open(found, self._clock())
            store.set_watermark(watermark)
            uow.commit()
        report = RunReport(
            changed=len(changed),
            opened=sum(r.pair not in before for r in found),
            refreshed=sum(r.pair in before and before[r.pair].recommendation != r for r in found),
            closed=len(stale),
        )
        if not apply_conclusive:
            return report
        applied: list[int] = []
        refused: list[tuple[int, str]] = []
        for stored in self.listing():
            if not stored.recommendation.conclusive:
                continue
            try:
                self.accept(stored.id, RECOMMEND_JOB, "conclusive evidence")
            except IdentityError as error:
                refused.append((stored.id, str(error)))
            else:
                applied.append(stored.id)
        return attrs.evolve(report, applied=tuple(applied), refused=tuple(refused))

    def listing(
        self, limit: int | None = None, *, decided: bool = False
    ) -> list[StoredRecommendation]:
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        with self._uow:
            return self._store.listing(limit, decided=decided)

    def get(self, id: int) -> StoredRecommendation:
        with self._uow:
            found = self._store.by_id([id])
        if not found:
            raise ReviewError(f"no recommendation with id {id}")
        return found[0]

    def count_open(self) -> int:
        with self._uow:
            return self._store.count_open()

    def accept(self, id: int, actor: Actor, reason: str = "") -> Decision:
        """Put the two profiles in one identity: merge their identities (into the first
        profile's), link the one without an identity to the other's, or create one for both
        when neither has any; then mark the recommendation accepted."""
        with self._uow as uow:
            decision = self._join(self._open(id), actor, reason)
            uow.commit()
        return decision

    def apply(
        self,
        recommendations: Sequence[Recommendation],
        actor: Actor,
        reason: str = "",
        *,
        evidence: AuditEvidence = (),
    ) -> Applied:
        """Store recommendations made elsewhere (a repository's mailmap) and accept them at
        once as ``actor``, in order, all or none, with ``evidence`` added to each audit entry.

        A pair already in one identity is not recorded; a pair someone dismissed stays
        dismissed, and one accepted before whose profiles were parted since stays apart; an
        open recommendation of a pair takes the new evidence and is accepted. When the hub
        refuses a change (a locked identity, for an automatic job), nothing is done and the
        refusal is returned. Doing it again changes nothing."""
        joined: list[ProfilePair] = []
        dismissed: list[StoredRecommendation] = []
        parted: list[StoredRecommendation] = []
        accepted: list[Decision] = []
        store = self._store
        try:
            with self._uow as uow:
                known = {s.pair: s for s in store.among([r.pair for r in recommendations])}
                for recommendation in recommendations:
                    pair = recommendation.pair
                    stored = known.get(pair)
                    if self._one_identity(pair):
                        joined.append(pair)
                        continue
                    if stored is not None and stored.status is Status.DISMISSED:
                        dismissed.append(stored)
                        continue
                    if stored is not None and stored.status is Status.ACCEPTED:
                        parted.append(stored)
                        continue
                    if stored is not None:
                        recommendation = combined(stored.recommendation, recommendation)
                    store.save_open([recommendation], self._clock())
                    (stored,) = store.among([pair])
                    accepted.append(self._join(stored, actor, reason, evidence))
                uow.commit()
        except IdentityError as error:
            return Applied(refused=error)
        return Applied(tuple(accepted), tuple(joined), tuple(dismissed), tuple(parted))

    def _one_identity(self, pair: ProfilePair) -> bool:
        found = self._hub.get_many([pair.first, pair.second])
        identities = {found[ref].record.identity for ref in found}
        return len(found) == 2 and len(identities) == 1 and None not in identities

    def _join(
        self,
        stored: StoredRecommendation,
        actor: Actor,
        reason: str = "",
        extra: AuditEvidence = (),
    ) -> Decision:
        """Accept an open recommendation inside the caller's transaction."""
        hub = self._hub
        id = stored.id
        recommendation = stored.recommendation
        first, second = recommendation.pair.first, recommendation.pair.second
        evidence = (*evidence_of(recommendation), *extra)
        why = reason or f"recommendation {id}"
        found = hub.get_many([first, second])
        if len(found) < 2:
            raise ReviewError(f"recommendation {id} names a profile that is gone")
        one, other = found[first].record.identity, found[second].record.identity
        identity: IdentityRef
        linked: tuple[ProfileRef, ...] = ()
        merge: MergeRef | None = None
        retired: IdentityRef | None = None
        if one is not None and other is not None:
            identity, operation = one, "none"
            if one != other:
                merge = hub.merge(one, [other], actor=actor, reason=why, evidence=evidence)
                operation, retired = "merge", other
        elif one is not None:
            identity, operation, linked = one, "link", (second,)
            hub.link(second, one, actor=actor, reason=why, evidence=evidence)
        elif other is not None:
            identity, operation, linked = other, "link", (first,)
            hub.link(first, other, actor=actor, reason=why, evidence=evidence)
        else:
            name = found[first].record.display_name or found[second].record.display_name
            identity = hub.create_identity(name[:255], actor=actor, reason=why, evidence=evidence)
            for ref in (first, second):
                hub.link(ref, identity, actor=actor, reason=why, evidence=evidence)
            operation, linked = "create", (first, second)
        at = self._clock()
        self._store.decide(id, Status.ACCEPTED, actor, reason, at)
        decided = attrs.evolve(
            stored, status=Status.ACCEPTED, decided_at=at, decided_by=actor, reason=reason
        )
        return Decision(decided, identity, operation, linked, merge, retired)

    def dismiss(self, id: int, actor: Actor, reason: str = "") -> StoredRecommendation:
        """Close the pair for good: no later run opens it again."""
        with self._uow as uow:
            stored = self._open(id)
            at = self._clock()
            self._store.decide(id, Status.DISMISSED, actor, reason, at)
            uow.commit()
        return attrs.evolve(
            stored, status=Status.DISMISSED, decided_at=at, decided_by=actor, reason=reason
        )

    def _open(self, id: int) -> StoredRecommendation:
        found = self._store.by_id([id])
        if not found:
            raise ReviewError(f"no recommendation with id {id}")
        stored = found[0]
        if stored.status is not Status.OPEN:
            raise ReviewError(f"recommendation {id} was already {stored.status.value}")
        return stored
