"""Where recommendations live between a run of the rules and a person's review.

One stored recommendation per unordered pair of profiles, ever: it is open until someone
accepts or dismisses it, and a decided pair is never opened again, whatever later runs find.
The store also keeps what incremental runs need: an index of every profile by blocking key
(core.identity.recommending.blocking_keys) and a watermark of the profiles already seen.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Protocol

import attrs

from core.protocols.audit import Actor
from core.protocols.recommendations import ProfilePair, Recommendation
from core.protocols.records import ProfileSnapshot
from core.protocols.refs import ProfileRef

# A blocking key: (block, value), e.g. ("email", "jane@example.org").
type IndexKey = tuple[str, str]


class Status(StrEnum):
    """Stored, so the values never change."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@attrs.frozen
class StoredRecommendation:
    """A recommendation with its id and what became of it."""

    id: int
    recommendation: Recommendation
    status: Status = Status.OPEN
    decided_at: datetime | None = None
    decided_by: Actor | None = None
    reason: str = ""

    @property
    def pair(self) -> ProfilePair:
        return self.recommendation.pair


@attrs.frozen
class Watermark:
    """How far runs have seen the profiles: the highest profile id and the latest change
    time; what a store needs to find the profiles changed since, and nothing more."""

    profile_id: int = 0
    changed_at: datetime | None = None


class RecommendationStore(Protocol):
    """Bulk methods: each costs a number of queries that does not grow with its arguments
    (up to the adapters' chunking of very large ones)."""

    def changed_profiles(self) -> tuple[list[ProfileSnapshot], Watermark]:
        """The profiles created or changed since the stored watermark (all, on a first run),
        and the watermark to store once they have been handled."""
        ...

    def set_watermark(self, watermark: Watermark) -> None: ...

    def reset(self) -> None:
        """Forget the watermark and the index, so that the next run sees every profile; the
        recommendations and decisions stay."""
        ...

    def index(self, keys: Mapping[ProfileRef, Collection[IndexKey]]) -> None:
        """Replace the blocking keys of each profile given."""
        ...

    def profiles_with(self, keys: Collection[IndexKey]) -> list[ProfileSnapshot]:
        """Every indexed profile having at least one of ``keys`` (a ProfileIndex)."""
        ...

    def decided_among(self, pairs: Collection[ProfilePair]) -> frozenset[ProfilePair]:
        """Those of ``pairs`` accepted or dismissed before."""
        ...

    def open_involving(self, refs: Collection[ProfileRef]) -> list[StoredRecommendation]:
        """The open recommendations of which either profile is among ``refs``."""
        ...

    def save_open(self, recommendations: Sequence[Recommendation], at: datetime) -> None:
        """Open the new pairs and refresh the score and evidence of the open ones; a decided
        pair is left as it is."""
        ...

    def remove_open(self, pairs: Iterable[ProfilePair]) -> None:
        """Forget open recommendations the rules no longer support; decided ones stay."""
        ...

    def by_id(self, ids: Collection[int]) -> list[StoredRecommendation]: ...

    def among(self, pairs: Collection[ProfilePair]) -> list[StoredRecommendation]:
        """The stored recommendations of any of ``pairs``, open or decided, by id."""
        ...

    def listing(
        self, limit: int | None = None, *, decided: bool = False
    ) -> list[StoredRecommendation]:
        """The open recommendations (with ``decided``, every one), best score first, then
        by id."""
        ...

    def decide(self, id: int, status: Status, actor: Actor, reason: str, at: datetime) -> None: ...

    def count_open(self) -> int: ...
