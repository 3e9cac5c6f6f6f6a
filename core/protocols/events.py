"""Domain events of the identity hub, named in the past tense.

Two of them concern every tracker, because trackers hold references to profiles: a profile
folded into another (``ProfilesMerged``) and a profile erased on request (``ProfileErased``).
The hub writes them to its outbox in the transaction that makes the change, so that none is
lost to a crash between the change and its delivery; each tracker consumes them from there,
in order, through the tracker kit (``core.ingest.profile_events``).
"""

from datetime import datetime

import attrs

from core.protocols.audit import MergeRef
from core.protocols.refs import IdentityRef, ProfileRef


@attrs.frozen
class ProfileCreated:
    ref: ProfileRef
    key: str


@attrs.frozen
class ProfileUpdated:
    ref: ProfileRef
    changed: tuple[str, ...]


@attrs.frozen
class IdentityCreated:
    identity: IdentityRef
    display_name: str


@attrs.frozen
class IdentityUpdated:
    identity: IdentityRef
    display_name: str
    description: str


@attrs.frozen
class ProfileLinked:
    ref: ProfileRef
    identity: IdentityRef
    previous: IdentityRef | None


@attrs.frozen
class ProfileUnlinked:
    ref: ProfileRef
    identity: IdentityRef


@attrs.frozen
class EmailAdded:
    ref: ProfileRef
    address: str


@attrs.frozen
class ProfileMoved:
    """A profile moved from one identity (or none) to another (or none) by ``move``."""

    ref: ProfileRef
    previous: IdentityRef | None
    identity: IdentityRef | None


@attrs.frozen
class IdentitiesMerged:
    """``others`` were folded into ``into``, which now holds ``moved``; undo with ``merge``."""

    merge: MergeRef
    into: IdentityRef
    others: tuple[IdentityRef, ...]
    moved: tuple[ProfileRef, ...]


@attrs.frozen
class IdentityUnmerged:
    """The merge was undone: ``revived`` are identities again and ``restored`` went back to
    them from ``into``; ``left`` had been moved by a later operation and stayed where it was."""

    merge: MergeRef
    into: IdentityRef
    revived: tuple[IdentityRef, ...]
    restored: tuple[ProfileRef, ...]
    left: tuple[ProfileRef, ...]


@attrs.frozen
class ProfilesMerged:
    """``source`` was folded into ``into``, a profile of its kind: the same account seen under
    two keys. ``source`` no longer exists; a tracker re-points its references to ``into``."""

    source: ProfileRef
    into: ProfileRef


@attrs.frozen
class ProfileErased:
    """``ref`` was erased on request: its personal data is gone from the hub, and a tracker
    anonymises its records of that person by its policy."""

    ref: ProfileRef


type ProfileEvent = ProfilesMerged | ProfileErased


@attrs.frozen
class OutboxEntry:
    """A profile event as the outbox holds it: ``position`` orders the entries (a consumer
    remembers the last one it applied), ``at`` is when the change committed."""

    position: int
    event: ProfileEvent
    at: datetime


type HubEvent = (
    ProfileCreated
    | ProfileUpdated
    | IdentityCreated
    | IdentityUpdated
    | ProfileLinked
    | ProfileUnlinked
    | EmailAdded
    | ProfileMoved
    | IdentitiesMerged
    | IdentityUnmerged
    | ProfilesMerged
    | ProfileErased
)
