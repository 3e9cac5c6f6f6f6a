"""The recommendation store in memory, on a memory unit of work's journal, so that a run's
writes are undone with the hub's when the unit rolls back.

Memory keeps no change times, so the watermark here is the snapshot of every profile as the
last run saw it: a profile is changed when it differs from that snapshot (removed addresses
included)."""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

import attrs

from adapters.memory.journal import JournaledMap
from adapters.memory.unit_of_work import MemoryUnitOfWork
from core.identity.reviewing import Term
from core.protocols.audit import Actor
from core.protocols.recommendation_store import (
    IndexKey,
    Status,
    StoredRecommendation,
    Watermark,
)
from core.protocols.recommendations import ProfilePair, Recommendation
from core.protocols.records import EmailRecord, ProfileSnapshot
from core.protocols.refs import ProfileRef


class MemoryRecommendationStore:
    """Implements core.protocols.recommendation_store.RecommendationStore and
    core.identity.reviewing.ExclusionTerms."""

    def __init__(self, uow: MemoryUnitOfWork) -> None:
        journal = uow.journal
        self._hub = uow.store
        self._rows = JournaledMap[int, StoredRecommendation](journal)
        self._by_pair = JournaledMap[ProfilePair, int](journal)
        self._keys = JournaledMap[int, frozenset[IndexKey]](journal)
        self._seen = JournaledMap[int, ProfileSnapshot](journal)
        self._next = JournaledMap[str, int](journal)
        self._terms = JournaledMap[Term, tuple[Actor, datetime]](journal)
        self._pending: dict[int, ProfileSnapshot] = {}

    def _snapshots(self, ids: Iterable[int]) -> list[ProfileSnapshot]:
        profiles = self._hub.profiles
        wanted = {i for i in ids if i in profiles}
        emails: dict[int, list[EmailRecord]] = {}
        for email in self._hub.emails.values():
            if email.profile_id in wanted:
                emails.setdefault(email.profile_id, []).append(email)
        return [
            ProfileSnapshot(
                profiles[i],
                tuple(sorted(emails.get(i, ()), key=lambda e: (not e.is_primary, e.address))),
            )
            for i in sorted(wanted)
        ]

    def changed_profiles(self) -> tuple[list[ProfileSnapshot], Watermark]:
        current = self._snapshots(self._hub.profiles)
        changed = [p for p in current if self._seen.get(p.record.id) != p]
        self._pending = {p.record.id: p for p in changed}
        return changed, Watermark(max((p.record.id for p in current), default=0))

    def set_watermark(self, watermark: Watermark) -> None:
        for profile_id, snapshot in self._pending.items():
            self._seen[profile_id] = snapshot
        self._pending = {}

    def reset(self) -> None:
        self._seen.clear()
        self._keys.clear()

    def index(self, keys: Mapping[ProfileRef, Collection[IndexKey]]) -> None:
        for ref, profile_keys in keys.items():
            self._keys[ref.profile_id] = frozenset((str(b), v) for b, v in profile_keys)

    def profiles_with(self, keys: Collection[IndexKey]) -> list[ProfileSnapshot]:
        wanted = {(str(b), v) for b, v in keys}
        return self._snapshots(i for i, have in self._keys.items() if have & wanted)

    def decided_among(self, pairs: Collection[ProfilePair]) -> frozenset[ProfilePair]:
        return frozenset(
            pair
            for pair in pairs
            if pair in self._by_pair and self._rows[self._by_pair[pair]].status is not Status.OPEN
        )

    def open_involving(self, refs: Collection[ProfileRef]) -> list[StoredRecommendation]:
        wanted = set(refs)
        return [
            row
            for row in self._rows.values()
            if row.status is Status.OPEN and (row.pair.first in wanted or row.pair.second in wanted)
        ]

    def save_open(self, recommendations: Sequence[Recommendation], at: datetime) -> None:
        for recommendation in recommendations:
            existing = self._by_pair.get(recommendation.pair)
            if existing is None:
                new_id = self._next.get("recommendation", 1)
                self._next["recommendation"] = new_id + 1
                self._rows[new_id] = StoredRecommendation(new_id, recommendation)
                self._by_pair[recommendation.pair] = new_id
            elif self._rows[existing].status is Status.OPEN:
                self._rows[existing] = attrs.evolve(
                    self._rows[existing], recommendation=recommendation
                )

    def remove_open(self, pairs: Iterable[ProfilePair]) -> None:
        for pair in pairs:
            existing = self._by_pair.get(pair)
            if existing is not None and self._rows[existing].status is Status.OPEN:
                del self._rows[existing]
                del self._by_pair[pair]

    def _forget_gone(self) -> None:
        """Recommendations naming a profile deleted since (folded, erased) go with it, as
        Django's cascade deletes them."""
        profiles = self._hub.profiles
        for row_id, row in list(self._rows.items()):
            pair = row.pair
            if pair.first.profile_id not in profiles or pair.second.profile_id not in profiles:
                del self._rows[row_id]
                del self._by_pair[pair]

    def by_id(self, ids: Collection[int]) -> list[StoredRecommendation]:
        self._forget_gone()
        return [self._rows[i] for i in sorted(set(ids)) if i in self._rows]

    def among(self, pairs: Collection[ProfilePair]) -> list[StoredRecommendation]:
        return self.by_id([self._by_pair[pair] for pair in set(pairs) if pair in self._by_pair])

    def listing(
        self, limit: int | None = None, *, decided: bool = False
    ) -> list[StoredRecommendation]:
        self._forget_gone()
        rows = sorted(
            (r for r in self._rows.values() if decided or r.status is Status.OPEN),
            key=lambda r: (-r.recommendation.score, r.id),
        )
        return rows if limit is None else rows[:limit]

    def decide(self, id: int, status: Status, actor: Actor, reason: str, at: datetime) -> None:
        self._rows[id] = attrs.evolve(
            self._rows[id], status=status, decided_at=at, decided_by=actor, reason=reason
        )

    def count_open(self) -> int:
        self._forget_gone()
        return sum(r.status is Status.OPEN for r in self._rows.values())

    def exclusion_terms(self) -> list[Term]:
        return sorted(self._terms)

    def add_exclusion_terms(self, terms: Collection[Term], actor: Actor, at: datetime) -> None:
        for term in terms:
            self._terms.setdefault(term, (actor, at))

    def remove_exclusion_terms(self, terms: Collection[Term]) -> None:
        for term in terms:
            self._terms.pop(term, None)
