"""Domain events of the identity hub, named in the past tense."""

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
)
