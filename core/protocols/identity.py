"""The identity hub's ports.

``IdentityRepository`` is the storage port, in bulk: every method takes or returns many rows
so that an adapter can answer with a number of queries that does not grow with the batch.
``IdentityService`` is what trackers and entry points call; core.identity implements it on top
of a repository and a unit of work.
"""

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from core.protocols.audit import (
    Actor,
    AuditEntry,
    AuditEvidence,
    MergeDraft,
    MergeRecord,
    MergeRef,
    UnmergeReport,
)
from core.protocols.claims import ProfileClaim
from core.protocols.errors import IdentityError
from core.protocols.events import OutboxEntry, ProfileEvent
from core.protocols.records import (
    EmailRecord,
    IdentityRecord,
    ProfileDraft,
    ProfileRecord,
    ProfileSnapshot,
)
from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef
from core.protocols.unit_of_work import UnitOfWork


class IdentityRepository(Protocol):
    def profiles_by_key(self, keys: Mapping[ProfileKind, Collection[str]]) -> list[ProfileRecord]:
        """The stored profiles whose (kind, key) is among ``keys``."""
        ...

    def profiles_by_username(
        self, kind: ProfileKind, usernames: Collection[str]
    ) -> list[ProfileRecord]:
        """Profiles of ``kind`` whose username, compared case-insensitively, is among
        ``usernames`` (given casefolded)."""
        ...

    def profiles_by_id(self, ids: Collection[int]) -> list[ProfileRecord]: ...

    def add_profiles(self, drafts: Sequence[ProfileDraft]) -> None:
        """Store the drafts. A draft whose (kind, key) is already stored, by this or a
        concurrent writer, is left out silently: callers read back by key."""
        ...

    def update_profiles(self, records: Sequence[ProfileRecord]) -> None:
        """Write the ``MUTABLE_PROFILE_FIELDS`` of each record to the row with its id."""
        ...

    def set_identity(self, profile_ids: Collection[int], identity_id: int | None) -> None: ...

    def profiles_of_identity(self, identity_id: int) -> list[ProfileRecord]: ...

    def emails_of(self, profile_ids: Collection[int]) -> list[EmailRecord]: ...

    def add_emails(self, emails: Sequence[EmailRecord]) -> None:
        """Store the emails; one whose (profile, address) is already stored is left out."""
        ...

    def update_emails(self, emails: Sequence[EmailRecord]) -> None:
        """Write is_primary and is_active of each (profile, address)."""
        ...

    def remove_email(self, profile_id: int, address: str) -> bool: ...

    def add_identity(self, display_name: str, description: str) -> IdentityRecord: ...

    def update_identity(self, record: IdentityRecord) -> None:
        """Write the display name and description of the identity with the record's id."""
        ...

    def update_identities(self, records: Sequence[IdentityRecord]) -> None:
        """Write every field of each record (name, description, lock, merged into) to the
        identity with its id."""
        ...

    def identities_by_id(self, ids: Collection[int]) -> list[IdentityRecord]: ...

    def identities_for_update(self, ids: Collection[int]) -> list[IdentityRecord]:
        """Like identities_by_id, and locked against other writers until the unit of work
        ends (taken in id order, so that overlapping writers wait instead of deadlocking)."""
        ...

    def profiles_of_identities(self, identity_ids: Collection[int]) -> list[ProfileRecord]:
        """The profiles linked to any of the identities."""
        ...

    def assign_identities(self, assignments: Mapping[int, int | None]) -> None:
        """Link each profile id to its identity id (or to none), in one bulk write."""
        ...

    def add_merge(self, merge: MergeDraft) -> MergeRef:
        """Store a merge operation and return its new id."""
        ...

    def merges_by_id(self, refs: Collection[MergeRef]) -> list[MergeRecord]: ...

    def mark_unmerged(self, record: MergeRecord) -> None:
        """Write ``unmerged_at`` and ``unmerged_by`` of the merge with the record's ref."""
        ...

    def add_audit(self, entries: Sequence[AuditEntry]) -> None:
        """Append the entries to the audit log, in order."""
        ...

    def audit(self, identity_id: int | None, limit: int) -> list[AuditEntry]:
        """The newest ``limit`` entries, newest first; only those whose subjects include the
        identity, when one is given."""
        ...

    def count_profiles(self) -> dict[ProfileKind, int]: ...

    def count_identities(self) -> int: ...

    # -- folding and erasing profiles ------------------------------------------------------

    def delete_profiles(self, ids: Collection[int]) -> None:
        """Delete the profiles with their emails."""
        ...

    def tombstones(self, digests: Collection[str]) -> dict[str, int | None]:
        """Of ``digests`` (keyed hashes of what identified a profile that is gone), those
        stored, each with the profile it was folded into, or None if it was erased."""
        ...

    def add_tombstones(self, tombstones: Mapping[str, int | None], at: datetime) -> None:
        """Store each digest with its profile (None: erased), replacing one stored."""
        ...

    def retarget_tombstones(self, profile_id: int, into: int | None) -> None:
        """Tombstones that led to ``profile_id`` lead to ``into`` (None: erased) instead."""
        ...

    def erasure_key(self) -> bytes:
        """The database's own key for tombstone digests, made the first time it is asked
        for; used when the deployment gives none."""
        ...

    def redact_audit(self, profile_id: int) -> None:
        """Empty the reason and evidence of every audit entry whose subjects include the
        profile: they may quote what identified the person."""
        ...

    def add_outbox(self, events: Sequence[ProfileEvent], at: datetime) -> None:
        """Append the events to the outbox, in order, in the caller's unit of work."""
        ...

    def outbox_after(self, position: int, limit: int) -> list[OutboxEntry]:
        """The first ``limit`` entries after ``position``, in order."""
        ...

    def outbox_end(self) -> int:
        """The position of the newest entry ever added (0 before the first); entries dropped
        keep their positions taken."""
        ...

    def prune_outbox(self, through: int) -> int:
        """Drop the entries at positions up to ``through``; returns how many there were."""
        ...


class ProfileEventFeed(Protocol):
    """Where trackers read the profile events they have not applied yet, and drop those
    every one of them has applied."""

    def outbox_after(self, position: int, limit: int) -> list[OutboxEntry]: ...

    def outbox_end(self) -> int: ...

    def prune_outbox(self, through: int) -> int: ...


class IdentityUnitOfWork(UnitOfWork, Protocol):
    """The hub's unit of work: its repository, kept only when committed."""

    @property
    def identities(self) -> IdentityRepository: ...


class ProfileResolver(Protocol):
    """The part of the hub a tracker needs while ingesting: people, in bulk."""

    def get_or_create_many[R: ProfileRef](
        self, claims: Sequence[ProfileClaim[R]]
    ) -> list[R | None]: ...

    def get_or_create_each[R: ProfileRef](
        self, claims: Sequence[ProfileClaim[R]]
    ) -> list[R | IdentityError | None]:
        """Like get_or_create_many, with each invalid claim's error in its place."""
        ...

    def existing(self, refs: Collection[ProfileRef]) -> frozenset[ProfileRef]: ...


class IdentityService(ProfileResolver, Protocol):
    """Every use case of the identity hub."""

    def get_or_create[R: ProfileRef](self, claim: ProfileClaim[R]) -> R | None: ...

    def find_many[R: ProfileRef](self, claims: Sequence[ProfileClaim[R]]) -> list[R | None]: ...

    def get(self, ref: ProfileRef) -> ProfileSnapshot | None: ...

    def get_many(self, refs: Collection[ProfileRef]) -> dict[ProfileRef, ProfileSnapshot]: ...

    def add_email(
        self, ref: ProfileRef, address: str, *, primary: bool = False, active: bool = True
    ) -> EmailRecord: ...

    def set_primary_email(self, ref: ProfileRef, address: str) -> None: ...

    def set_email_active(self, ref: ProfileRef, address: str, active: bool) -> None: ...

    def remove_email(self, ref: ProfileRef, address: str) -> None: ...

    def create_identity(
        self,
        display_name: str = "",
        description: str = "",
        *,
        actor: Actor = ...,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> IdentityRef: ...

    def update_identity(
        self,
        identity: IdentityRef,
        display_name: str,
        description: str = "",
        *,
        actor: Actor = ...,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None: ...

    def link(
        self,
        ref: ProfileRef,
        identity: IdentityRef,
        *,
        actor: Actor = ...,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None: ...

    def unlink(
        self,
        ref: ProfileRef,
        *,
        actor: Actor = ...,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None: ...

    def move(
        self,
        profile: ProfileRef,
        to: IdentityRef | None,
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> None: ...

    def merge(
        self,
        into: IdentityRef,
        others: Sequence[IdentityRef],
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> MergeRef: ...

    def unmerge(
        self, merge: MergeRef, *, actor: Actor, reason: str, evidence: AuditEvidence = ()
    ) -> UnmergeReport: ...

    def merge_record(self, merge: MergeRef) -> MergeRecord: ...

    def lock(self, identity: IdentityRef, *, actor: Actor, reason: str = "") -> None: ...

    def unlock(self, identity: IdentityRef, *, actor: Actor, reason: str = "") -> None: ...

    def identity(self, identity: IdentityRef) -> IdentityRecord: ...

    def audit(self, identity: IdentityRef | None = None, limit: int = 50) -> list[AuditEntry]: ...

    def identity_of(self, ref: ProfileRef) -> IdentityRef | None: ...

    def profiles_of(self, identity: IdentityRef) -> list[ProfileRef]: ...

    def merge_profiles(
        self,
        source: ProfileRef,
        into: ProfileRef,
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> None: ...

    def erase(self, ref: ProfileRef, *, actor: Actor, reason: str) -> None: ...

    def count_profiles(self) -> dict[ProfileKind, int]: ...

    def count_identities(self) -> int: ...
