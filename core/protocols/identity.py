"""The identity hub's ports.

``IdentityRepository`` is the storage port, in bulk: every method takes or returns many rows
so that an adapter can answer with a number of queries that does not grow with the batch.
``IdentityService`` is what trackers and entry points call; core.identity implements it on top
of a repository and a unit of work.
"""

from collections.abc import Collection, Mapping, Sequence
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

    def count_profiles(self) -> dict[ProfileKind, int]: ...

    def count_identities(self) -> int: ...
