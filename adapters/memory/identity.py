"""The identity hub's repository and unit of work, kept in memory.

A working store, not a mock: the contract suite runs the same behaviour tests against it and
against Django on SQLite and PostgreSQL.
"""

import copy
from collections.abc import Collection, Mapping, Sequence

import attrs

from adapters.memory.unit_of_work import SnapshotUnitOfWork
from core.protocols.records import (
    MUTABLE_PROFILE_FIELDS,
    EmailRecord,
    IdentityRecord,
    ProfileDraft,
    ProfileRecord,
)
from core.protocols.refs import ProfileKind


@attrs.define
class IdentityStore:
    """The hub's tables. Records are frozen, so copying the dicts snapshots the state."""

    profiles: dict[int, ProfileRecord] = attrs.field(factory=dict)
    keys: dict[tuple[ProfileKind, str], int] = attrs.field(factory=dict)
    emails: dict[tuple[int, str], EmailRecord] = attrs.field(factory=dict)
    identities: dict[int, IdentityRecord] = attrs.field(factory=dict)
    next_profile_id: int = 1
    next_identity_id: int = 1

    def snapshot(self) -> "IdentityStore":
        return copy.copy(
            attrs.evolve(
                self,
                profiles=dict(self.profiles),
                keys=dict(self.keys),
                emails=dict(self.emails),
                identities=dict(self.identities),
            )
        )

    def restore(self, snapshot: "IdentityStore") -> None:
        for field in attrs.fields(IdentityStore):
            setattr(self, field.name, getattr(snapshot, field.name))


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
            record = ProfileRecord(id=store.next_profile_id, **attrs.asdict(draft, recurse=False))
            store.next_profile_id += 1
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
        identity = IdentityRecord(store.next_identity_id, display_name, description)
        store.next_identity_id += 1
        store.identities[identity.id] = identity
        return identity

    def identities_by_id(self, ids: Collection[int]) -> list[IdentityRecord]:
        identities = self._store.identities
        return [identities[i] for i in set(ids) if i in identities]

    def count_profiles(self) -> dict[ProfileKind, int]:
        counts: dict[ProfileKind, int] = {}
        for record in self._store.profiles.values():
            counts[record.kind] = counts.get(record.kind, 0) + 1
        return counts

    def count_identities(self) -> int:
        return len(self._store.identities)


class MemoryUnitOfWork(SnapshotUnitOfWork[IdentityStore]):
    """The hub's unit of work in memory: a snapshot of the store on entry, put back unless
    committed."""

    def __init__(self, store: IdentityStore | None = None) -> None:
        super().__init__()
        self.store = store if store is not None else IdentityStore()
        self.identities = MemoryIdentityRepository(self.store)

    def _take(self) -> IdentityStore:
        return self.store.snapshot()

    def _put(self, snapshot: IdentityStore) -> None:
        self.store.restore(snapshot)
