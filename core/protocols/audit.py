"""Who changed the hub, why, and what exactly a merge changed: plain frozen values.

Every write of the hub's editorial use cases (create, update, link, unlink, move, merge,
unmerge, lock, unlock) leaves one ``AuditEntry``. A merge also stores a ``MergeRecord``: which
profiles it moved from which identity and which identity fields it changed from what, so that
unmerging it is its exact undo.
"""

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

import attrs

from core.protocols.refs import IdentityRef, ProfileRef

# What evidence may hold: text, or mappings of JSON values (which rule, which values).
type JSONValue = str | int | float | bool | list[JSONValue] | Mapping[str, JSONValue] | None
type AuditEvidence = tuple[str | Mapping[str, JSONValue], ...]


class ActorKind(StrEnum):
    """A person at a keyboard, or an automatic job; only a user may change a locked identity."""

    USER = "user"
    JOB = "job"


@attrs.frozen
class Actor:
    kind: ActorKind
    name: str

    @classmethod
    def user(cls, name: str) -> "Actor":
        return cls(ActorKind.USER, name)

    @classmethod
    def job(cls, name: str) -> "Actor":
        return cls(ActorKind.JOB, name)

    def __str__(self) -> str:
        return f"{self.kind.value} {self.name}"


# Who wrote when the caller does not say: the hub's own automatic work.
SYSTEM = Actor(ActorKind.JOB, "trackerhub")


def _positive(instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be a positive int")


@attrs.frozen
class MergeRef:
    """The id of one stored merge operation: what ``unmerge`` takes."""

    merge_id: int = attrs.field(validator=_positive)

    def __str__(self) -> str:
        return f"merge {self.merge_id}"


class Operation(StrEnum):
    """The hub's editorial writes, as the audit log names them."""

    CREATE_IDENTITY = "create_identity"
    UPDATE_IDENTITY = "update_identity"
    LINK = "link"
    UNLINK = "unlink"
    MOVE = "move"
    MERGE = "merge"
    UNMERGE = "unmerge"
    LOCK = "lock"
    UNLOCK = "unlock"
    MERGE_PROFILES = "merge_profiles"
    ERASE = "erase"


@attrs.frozen
class AuditEntry:
    """One write: what, on which identities and profiles, by whom, why, on what evidence."""

    operation: Operation
    actor: Actor
    reason: str
    at: datetime
    identities: tuple[IdentityRef, ...] = ()
    profiles: tuple[ProfileRef, ...] = ()
    evidence: AuditEvidence = ()
    merge: MergeRef | None = None


@attrs.frozen
class ProfileMove:
    """A profile a merge moved, and the identity it came from."""

    profile: ProfileRef
    previous: IdentityRef


@attrs.frozen
class FieldChange:
    """A field of the identity merged into that a merge filled: its value before and after."""

    field: str
    before: str
    after: str


@attrs.frozen
class MergeDraft:
    """A merge about to be stored: exactly what it changes."""

    into: IdentityRef
    others: tuple[IdentityRef, ...]
    moves: tuple[ProfileMove, ...]
    changes: tuple[FieldChange, ...]
    actor: Actor
    reason: str
    at: datetime
    evidence: AuditEvidence = ()


@attrs.frozen
class MergeRecord:
    """A stored merge; ``unmerged_at`` is set once it has been undone."""

    ref: MergeRef
    merge: MergeDraft
    unmerged_at: datetime | None = None
    unmerged_by: Actor | None = None


@attrs.frozen
class UnmergeReport:
    """What an unmerge did: the identities it revived, the profiles it moved back, and what it
    left because a later operation had changed it since (a profile moved elsewhere, a field
    renamed again)."""

    merge: MergeRef
    revived: tuple[IdentityRef, ...]
    restored: tuple[ProfileMove, ...]
    left: tuple[ProfileMove, ...] = ()
    kept_fields: tuple[str, ...] = ()
