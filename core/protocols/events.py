"""Domain events of the identity hub, named in the past tense."""

import attrs

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


type HubEvent = (
    ProfileCreated
    | ProfileUpdated
    | IdentityCreated
    | IdentityUpdated
    | ProfileLinked
    | ProfileUnlinked
    | EmailAdded
)
