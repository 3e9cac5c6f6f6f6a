"""The identity hub's repository and unit of work, kept in memory.

A working store, not a mock: the contract suite runs the same behaviour tests against it and
against Django on SQLite and PostgreSQL.
"""

import secrets
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

import attrs

from adapters.memory.journal import Journal, JournaledMap
from core.protocols.audit import AuditEntry, MergeDraft, MergeRecord, MergeRef
from core.protocols.events import OutboxEntry, ProfileEvent
from core.protocols.records import (
    MUTABLE_PROFILE_FIELDS,
    EmailRecord,
    IdentityRecord,
    ProfileDraft,
    ProfileRecord,
)
from core.protocols.refs import ProfileKind


class IdentityStore:
    """The hub's tables, each a map whose writes the unit of work can undo."""

    def __init__(self, journal: Journal) -> None:
        self.profiles = JournaledMap[int, ProfileRecord](journal)
        self.keys = JournaledMap[tuple[ProfileKind, str], int](journal)
        self.emails = JournaledMap[tuple[int, str], EmailRecord](journal)
        self.identities = JournaledMap[int, IdentityRecord](journal)
        self.merges = JournaledMap[int, MergeRecord](journal)
        self.audit = JournaledMap[int, AuditEntry](journal)
        self.tombstones = JournaledMap[str, int | None](journal)
        self.outbox = JournaledMap[int, OutboxEntry](journal)
        self.settings = JournaledMap[str, bytes](journal)
        self._next = JournaledMap[str, int](journal)

    def next_id(self, table: str) -> int:
        """A new id for a row of ``table``: 1, 2, ... (a rolled-back block gives its ids back)."""
        value = self._next.get(table, 1)
        self._next[table] = value + 1
        return value

    def last_id(self, table: str) -> int:
        """The last id ``next_id`` gave for ``table``; 0 before the first."""
        return self._next.get(table, 1) - 1


class MemoryIdentityRepository:
    def __init__(self, store: IdentityStore) -> None:
        self._store = store

    def profiles_by_key(self, keys: Mapping[ProfileKind, Collection[str]]) -> list[ProfileRecord]:
        store = self._store
        return [
            store.profiles[store.keys[(kind, key)]]
            for kind, kind_keys in keys.items()
            for key in set(kind_keys)
            if (kind, key) in store.keys
        ]

    def profiles_by_username(
        self, kind: ProfileKind, usernames: Collection[str]
    ) -> list[ProfileRecord]:
        wanted = set(usernames)
        return [
            record
            for record in self._store.profiles.values()
            if record.kind is kind and record.username and record.username.casefold() in wanted
        ]

    def profiles_by_id(self, ids: Collection[int]) -> list[ProfileRecord]:
        profiles = self._store.profiles
        return [profiles[i] for i in set(ids) if i in profiles]

    def add_profiles(self, drafts: Sequence[ProfileDraft]) -> None:
        store = self._store
        for draft in drafts:
            if (draft.kind, draft.key) in store.keys:
                continue
            record = ProfileRecord(
                id=store.next_id("profile"), **attrs.asdict(draft, recurse=False)
            )
            store.profiles[record.id] = record
            store.keys[(record.kind, record.key)] = record.id

    def update_profiles(self, records: Sequence[ProfileRecord]) -> None:
        store = self._store
        for record in records:
            current = store.profiles[record.id]
            updated = attrs.evolve(
                current, **{name: getattr(record, name) for name in MUTABLE_PROFILE_FIELDS}
            )
            slot = (updated.kind, updated.key)
            if store.keys.get(slot, updated.id) != updated.id:
                raise ValueError(f"profile key {slot} is already taken")
            del store.keys[(current.kind, current.key)]
            store.keys[slot] = updated.id
            store.profiles[record.id] = updated

    def set_identity(self, profile_ids: Collection[int], identity_id: int | None) -> None:
        profiles = self._store.profiles
        for profile_id in profile_ids:
            if profile_id in profiles:
                profiles[profile_id] = attrs.evolve(profiles[profile_id], identity_id=identity_id)

    def profiles_of_identity(self, identity_id: int) -> list[ProfileRecord]:
        return [r for r in self._store.profiles.values() if r.identity_id == identity_id]

    def emails_of(self, profile_ids: Collection[int]) -> list[EmailRecord]:
        wanted = set(profile_ids)
        return [e for e in self._store.emails.values() if e.profile_id in wanted]

    def add_emails(self, emails: Sequence[EmailRecord]) -> None:
        for email in emails:
            self._store.emails.setdefault((email.profile_id, email.address), email)

    def update_emails(self, emails: Sequence[EmailRecord]) -> None:
        for email in emails:
            if (email.profile_id, email.address) in self._store.emails:
                self._store.emails[(email.profile_id, email.address)] = email

    def remove_email(self, profile_id: int, address: str) -> bool:
        return self._store.emails.pop((profile_id, address), None) is not None

    def add_identity(self, display_name: str, description: str) -> IdentityRecord:
        store = self._store
        identity = IdentityRecord(store.next_id("identity"), display_name, description)
        store.identities[identity.id] = identity
        return identity

    def update_identity(self, record: IdentityRecord) -> None:
        if record.id in self._store.identities:
            self._store.identities[record.id] = record

    def update_identities(self, records: Sequence[IdentityRecord]) -> None:
        for record in records:
            if record.id in self._store.identities:
                self._store.identities[record.id] = record

    def identities_by_id(self, ids: Collection[int]) -> list[IdentityRecord]:
        identities = self._store.identities
        return [identities[i] for i in set(ids) if i in identities]

    def identities_for_update(self, ids: Collection[int]) -> list[IdentityRecord]:
        return self.identities_by_id(ids)  # one writer at a time in memory

    def profiles_of_identities(self, identity_ids: Collection[int]) -> list[ProfileRecord]:
        wanted = set(identity_ids)
        return [r for r in self._store.profiles.values() if r.identity_id in wanted]

    def assign_identities(self, assignments: Mapping[int, int | None]) -> None:
        profiles = self._store.profiles
        for profile_id, identity_id in assignments.items():
            if profile_id in profiles:
                profiles[profile_id] = attrs.evolve(profiles[profile_id], identity_id=identity_id)

    def add_merge(self, merge: MergeDraft) -> MergeRef:
        ref = MergeRef(self._store.next_id("merge"))
        self._store.merges[ref.merge_id] = MergeRecord(ref, merge)
        return ref

    def merges_by_id(self, refs: Collection[MergeRef]) -> list[MergeRecord]:
        merges = self._store.merges
        return [merges[ref.merge_id] for ref in set(refs) if ref.merge_id in merges]

    def mark_unmerged(self, record: MergeRecord) -> None:
        merges = self._store.merges
        stored = merges.get(record.ref.merge_id)
        if stored is not None:
            merges[record.ref.merge_id] = attrs.evolve(
                stored, unmerged_at=record.unmerged_at, unmerged_by=record.unmerged_by
            )

    def add_audit(self, entries: Sequence[AuditEntry]) -> None:
        for entry in entries:
            self._store.audit[self._store.next_id("audit")] = entry

    def audit(self, identity_id: int | None, limit: int) -> list[AuditEntry]:
        log = self._store.audit
        found: list[AuditEntry] = []
        for key in sorted(log, reverse=True):
            entry = log[key]
            if identity_id is None or any(i.identity_id == identity_id for i in entry.identities):
                found.append(entry)
                if len(found) == limit:
                    break
        return found

    def count_profiles(self) -> dict[ProfileKind, int]:
        counts: dict[ProfileKind, int] = {}
        for record in self._store.profiles.values():
            counts[record.kind] = counts.get(record.kind, 0) + 1
        return counts

    def count_identities(self) -> int:
        return len(self._store.identities)

    def delete_profiles(self, ids: Collection[int]) -> None:
        store = self._store
        for profile_id in set(ids):
            record = store.profiles.pop(profile_id, None)
            if record is None:
                continue
            del store.keys[(record.kind, record.key)]
            for key in [k for k in store.emails if k[0] == profile_id]:
                del store.emails[key]

    def tombstones(self, digests: Collection[str]) -> dict[str, int | None]:
        stored = self._store.tombstones
        return {digest: stored[digest] for digest in set(digests) if digest in stored}

    def add_tombstones(self, tombstones: Mapping[str, int | None], at: datetime) -> None:
        del at  # memory keeps no times
        for digest, into in tombstones.items():
            self._store.tombstones[digest] = into

    def retarget_tombstones(self, profile_id: int, into: int | None) -> None:
        stored = self._store.tombstones
        for digest in [d for d, target in stored.items() if target == profile_id]:
            stored[digest] = into

    def erasure_key(self) -> bytes:
        settings = self._store.settings
        if "erasure_key" not in settings:
            settings["erasure_key"] = secrets.token_bytes(32)
        return settings["erasure_key"]

    def redact_audit(self, profile_id: int) -> None:
        log = self._store.audit
        for key, entry in list(log.items()):
            if any(ref.profile_id == profile_id for ref in entry.profiles):
                log[key] = attrs.evolve(entry, reason="", evidence=())

    def add_outbox(self, events: Sequence[ProfileEvent], at: datetime) -> None:
        for event in events:
            position = self._store.next_id("outbox")
            self._store.outbox[position] = OutboxEntry(position, event, at)

    def outbox_after(self, position: int, limit: int) -> list[OutboxEntry]:
        outbox = self._store.outbox
        return [outbox[p] for p in sorted(p for p in outbox if p > position)[:limit]]

    def outbox_end(self) -> int:
        return self._store.last_id("outbox")

    def prune_outbox(self, through: int) -> int:
        outbox = self._store.outbox
        dropped = [position for position in outbox if position <= through]
        for position in dropped:
            del outbox[position]
        return len(dropped)
