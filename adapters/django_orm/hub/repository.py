"""The identity hub's repository and unit of work on the Django ORM.

Every method is one bulk statement (chunked only past ``CHUNK`` keys, where databases cap the
number of parameters), so resolving a batch costs the same number of queries whatever its size.
"""

import secrets
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from adapters.django_orm.hub.models import AuditEntry as AuditRow
from adapters.django_orm.hub.models import (
    AuditSubject,
    Email,
    HubSetting,
    Identity,
    Merge,
    OutboxMessage,
    Profile,
    Tombstone,
)
from adapters.django_orm.queries import pairs_matching
from adapters.django_orm.unit_of_work import INSERT_BATCH, UPDATE_BATCH, chunks
from core.protocols.audit import (
    Actor,
    ActorKind,
    AuditEntry,
    FieldChange,
    MergeDraft,
    MergeRecord,
    MergeRef,
    Operation,
    ProfileMove,
)
from core.protocols.events import OutboxEntry, ProfileErased, ProfileEvent, ProfilesMerged
from core.protocols.records import (
    MUTABLE_PROFILE_FIELDS,
    EmailRecord,
    IdentityRecord,
    ProfileDraft,
    ProfileRecord,
)
from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef, ref_of


def profile_record(row: Profile) -> ProfileRecord:
    """A profile row as the port hands it over."""
    return ProfileRecord(
        id=row.pk,
        kind=ProfileKind(row.kind),
        key=row.key,
        display_name=row.display_name,
        username=row.username,
        external_id=row.external_id,
        avatar_url=row.avatar_url,
        account_type=row.account_type,
        is_bot=row.is_bot,
        identity_id=row.identity_id,
    )


def _email(row: Email) -> EmailRecord:
    return EmailRecord(row.profile_id, row.address, row.is_primary, row.is_active)


def _identity(row: Identity) -> IdentityRecord:
    return IdentityRecord(
        row.pk, row.display_name, row.description, row.is_locked, row.merged_into_id
    )


PROFILES_MERGED = "profiles_merged"
PROFILE_ERASED = "profile_erased"
OUTBOX_POSITION = "outbox_position"
ERASURE_KEY = "erasure_key"


def _outbox_row(position: int, event: ProfileEvent, at: datetime) -> OutboxMessage:
    match event:
        case ProfilesMerged(source, into):
            return OutboxMessage(
                position=position,
                event=PROFILES_MERGED,
                kind=source.kind.value,
                profile_id=source.profile_id,
                into_profile_id=into.profile_id,
                at=at,
            )
        case ProfileErased(ref):
            return OutboxMessage(
                position=position,
                event=PROFILE_ERASED,
                kind=ref.kind.value,
                profile_id=ref.profile_id,
                at=at,
            )


def _outbox_entry(row: OutboxMessage) -> OutboxEntry:
    kind = ProfileKind(row.kind)
    event: ProfileEvent
    if row.event == PROFILES_MERGED:
        assert row.into_profile_id is not None
        event = ProfilesMerged(ref_of(kind, row.profile_id), ref_of(kind, row.into_profile_id))
    else:
        event = ProfileErased(ref_of(kind, row.profile_id))
    return OutboxEntry(row.position, event, row.at)


def _profile_json(ref: ProfileRef) -> list[object]:
    return [ref.kind.value, ref.profile_id]


def _profile_ref(value: list[Any]) -> ProfileRef:
    kind, profile_id = value
    return ref_of(ProfileKind(kind), int(profile_id))


def _merge(row: Merge) -> MergeRecord:
    draft = MergeDraft(
        into=IdentityRef(row.into_id),
        others=tuple(IdentityRef(int(i)) for i in row.others),
        moves=tuple(
            ProfileMove(ref_of(ProfileKind(kind), int(pid)), IdentityRef(int(previous)))
            for kind, pid, previous in row.moves
        ),
        changes=tuple(FieldChange(f, before, after) for f, before, after in row.changes),
        actor=Actor(ActorKind(row.actor_kind), row.actor_name),
        reason=row.reason,
        at=row.at,
        evidence=tuple(row.evidence),
    )
    unmerged_by = (
        Actor(ActorKind(row.unmerged_by_kind), row.unmerged_by_name)
        if row.unmerged_by_kind
        else None
    )
    return MergeRecord(MergeRef(row.pk), draft, row.unmerged_at, unmerged_by)


def _audit(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        operation=Operation(row.operation),
        actor=Actor(ActorKind(row.actor_kind), row.actor_name),
        reason=row.reason,
        at=row.at,
        identities=tuple(IdentityRef(int(i)) for i in row.identities),
        profiles=tuple(_profile_ref(p) for p in row.profiles),
        evidence=tuple(row.evidence),
        merge=None if row.merge_id is None else MergeRef(row.merge_id),
    )


class DjangoIdentityRepository:
    def __init__(self, using: str = "default") -> None:
        self.using = using

    def _profiles(self) -> QuerySet[Profile]:
        return Profile.objects.using(self.using)

    def profiles_by_key(self, keys: Mapping[ProfileKind, Collection[str]]) -> list[ProfileRecord]:
        pairs = [(kind.value, key) for kind, kind_keys in keys.items() for key in set(kind_keys)]
        return [
            profile_record(row)
            for chunk in chunks(pairs)
            for row in self._profiles().filter(pairs_matching("kind", "key", chunk))
        ]

    def profiles_by_username(
        self, kind: ProfileKind, usernames: Collection[str]
    ) -> list[ProfileRecord]:
        return [
            profile_record(row)
            for chunk in chunks(usernames)
            for row in self._profiles().filter(kind=kind.value, username_key__in=chunk)
        ]

    def profiles_by_id(self, ids: Collection[int]) -> list[ProfileRecord]:
        return [
            profile_record(row)
            for chunk in chunks(set(ids))
            for row in self._profiles().filter(pk__in=chunk)
        ]

    def add_profiles(self, drafts: Sequence[ProfileDraft]) -> None:
        rows = [
            Profile(
                kind=draft.kind.value,
                key=draft.key,
                display_name=draft.display_name,
                username=draft.username,
                username_key=draft.username.casefold(),
                external_id=draft.external_id,
                avatar_url=draft.avatar_url,
                account_type=draft.account_type,
                is_bot=draft.is_bot,
            )
            # One global order, so that two writers sharing people wait for each other instead
            # of deadlocking.
            for draft in sorted(drafts, key=lambda d: (d.kind.value, d.key))
        ]
        # A concurrent writer may have stored the same key since it was read; the caller reads
        # back by key, so the row that won is the row used.
        self._profiles().bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)

    def update_profiles(self, records: Sequence[ProfileRecord]) -> None:
        now = timezone.now()
        rows = []
        for record in sorted(records, key=lambda r: r.id):  # one global order: no deadlock
            row = Profile(pk=record.id, username_key=record.username.casefold(), updated_at=now)
            for name in MUTABLE_PROFILE_FIELDS:
                setattr(row, name, getattr(record, name))
            rows.append(row)
        fields = [*MUTABLE_PROFILE_FIELDS, "username_key", "updated_at"]
        self._profiles().bulk_update(rows, fields, batch_size=UPDATE_BATCH)

    def set_identity(self, profile_ids: Collection[int], identity_id: int | None) -> None:
        for chunk in chunks(set(profile_ids)):
            self._profiles().filter(pk__in=chunk).update(
                identity_id=identity_id, updated_at=timezone.now()
            )

    def profiles_of_identity(self, identity_id: int) -> list[ProfileRecord]:
        return [profile_record(row) for row in self._profiles().filter(identity_id=identity_id)]

    def emails_of(self, profile_ids: Collection[int]) -> list[EmailRecord]:
        emails = Email.objects.using(self.using)
        return [
            _email(row)
            for chunk in chunks(set(profile_ids))
            for row in emails.filter(profile_id__in=chunk)
        ]

    def add_emails(self, emails: Sequence[EmailRecord]) -> None:
        self._insert_emails(emails)
        # ON CONFLICT DO NOTHING also skips a primary address when a concurrent writer has just
        # committed another primary one for the profile (the one-primary constraint): keep the
        # address, as a secondary one, instead of losing it.
        primary = [e for e in emails if e.is_primary]
        if primary:
            stored = {
                (e.profile_id, e.address) for e in self.emails_of({e.profile_id for e in primary})
            }
            lost = [
                EmailRecord(e.profile_id, e.address, is_primary=False, is_active=e.is_active)
                for e in primary
                if (e.profile_id, e.address) not in stored
            ]
            if lost:
                self._insert_emails(lost)

    def _insert_emails(self, emails: Sequence[EmailRecord]) -> None:
        Email.objects.using(self.using).bulk_create(
            [
                Email(
                    profile_id=e.profile_id,
                    address=e.address,
                    is_primary=e.is_primary,
                    is_active=e.is_active,
                )
                for e in sorted(emails, key=lambda e: (e.profile_id, e.address))
            ],
            batch_size=INSERT_BATCH,
            ignore_conflicts=True,
        )

    def update_emails(self, emails: Sequence[EmailRecord]) -> None:
        # Demotions first: the one-primary constraint is checked row by row.
        for email in sorted(emails, key=lambda e: e.is_primary):
            Email.objects.using(self.using).filter(
                profile_id=email.profile_id, address=email.address
            ).update(
                is_primary=email.is_primary, is_active=email.is_active, updated_at=timezone.now()
            )

    def remove_email(self, profile_id: int, address: str) -> bool:
        deleted, _ = (
            Email.objects.using(self.using).filter(profile_id=profile_id, address=address).delete()
        )
        if deleted:
            # A removed address leaves no row to date the change by: the profile carries it, so
            # that an incremental recommendation run looks at the profile again.
            self._profiles().filter(pk=profile_id).update(updated_at=timezone.now())
        return deleted > 0

    def add_identity(self, display_name: str, description: str) -> IdentityRecord:
        row = Identity.objects.using(self.using).create(
            display_name=display_name, description=description
        )
        return _identity(row)

    def update_identity(self, record: IdentityRecord) -> None:
        Identity.objects.using(self.using).filter(pk=record.id).update(
            display_name=record.display_name,
            description=record.description,
            updated_at=timezone.now(),
        )

    def update_identities(self, records: Sequence[IdentityRecord]) -> None:
        now = timezone.now()
        rows = [
            Identity(
                pk=record.id,
                display_name=record.display_name,
                description=record.description,
                is_locked=record.is_locked,
                merged_into_id=record.merged_into_id,
                updated_at=now,
            )
            for record in sorted(records, key=lambda r: r.id)  # one global order: no deadlock
        ]
        fields = ["display_name", "description", "is_locked", "merged_into", "updated_at"]
        Identity.objects.using(self.using).bulk_update(rows, fields, batch_size=UPDATE_BATCH)

    def identities_by_id(self, ids: Collection[int]) -> list[IdentityRecord]:
        return [
            _identity(row)
            for chunk in chunks(set(ids))
            for row in Identity.objects.using(self.using).filter(pk__in=chunk)
        ]

    def identities_for_update(self, ids: Collection[int]) -> list[IdentityRecord]:
        identities = Identity.objects.using(self.using).select_for_update()
        return [
            _identity(row)
            for chunk in chunks(sorted(set(ids)))
            for row in identities.filter(pk__in=chunk).order_by("pk")
        ]

    def profiles_of_identities(self, identity_ids: Collection[int]) -> list[ProfileRecord]:
        return [
            profile_record(row)
            for chunk in chunks(set(identity_ids))
            for row in self._profiles().filter(identity_id__in=chunk)
        ]

    def assign_identities(self, assignments: Mapping[int, int | None]) -> None:
        now = timezone.now()
        rows = [
            Profile(pk=profile_id, identity_id=assignments[profile_id], updated_at=now)
            for profile_id in sorted(assignments)
        ]
        self._profiles().bulk_update(rows, ["identity", "updated_at"], batch_size=UPDATE_BATCH)

    def add_merge(self, merge: MergeDraft) -> MergeRef:
        row = Merge.objects.using(self.using).create(
            into_id=merge.into.identity_id,
            others=[o.identity_id for o in merge.others],
            moves=[
                [m.profile.kind.value, m.profile.profile_id, m.previous.identity_id]
                for m in merge.moves
            ],
            changes=[[c.field, c.before, c.after] for c in merge.changes],
            actor_kind=merge.actor.kind.value,
            actor_name=merge.actor.name,
            reason=merge.reason,
            evidence=list(merge.evidence),
            at=merge.at,
        )
        return MergeRef(row.pk)

    def merges_by_id(self, refs: Collection[MergeRef]) -> list[MergeRecord]:
        return [
            _merge(row)
            for chunk in chunks({ref.merge_id for ref in refs})
            for row in Merge.objects.using(self.using).filter(pk__in=chunk)
        ]

    def mark_unmerged(self, record: MergeRecord) -> None:
        by = record.unmerged_by
        Merge.objects.using(self.using).filter(pk=record.ref.merge_id).update(
            unmerged_at=record.unmerged_at,
            unmerged_by_kind="" if by is None else by.kind.value,
            unmerged_by_name="" if by is None else by.name,
        )

    def add_audit(self, entries: Sequence[AuditEntry]) -> None:
        rows = AuditRow.objects.using(self.using).bulk_create(
            [
                AuditRow(
                    operation=entry.operation.value,
                    actor_kind=entry.actor.kind.value,
                    actor_name=entry.actor.name,
                    reason=entry.reason,
                    evidence=list(entry.evidence),
                    at=entry.at,
                    identities=[i.identity_id for i in entry.identities],
                    profiles=[_profile_json(p) for p in entry.profiles],
                    merge_id=None if entry.merge is None else entry.merge.merge_id,
                )
                for entry in entries
            ],
            batch_size=INSERT_BATCH,
        )
        AuditSubject.objects.using(self.using).bulk_create(
            [
                AuditSubject(entry_id=row.pk, identity_id=identity_id)
                for row in rows
                for identity_id in dict.fromkeys(row.identities)
            ],
            batch_size=INSERT_BATCH,
        )

    def audit(self, identity_id: int | None, limit: int) -> list[AuditEntry]:
        rows = AuditRow.objects.using(self.using).order_by("-pk")
        if identity_id is not None:
            rows = rows.filter(
                pk__in=AuditSubject.objects.using(self.using)
                .filter(identity_id=identity_id)
                .values("entry_id")
            )
        return [_audit(row) for row in rows[:limit]]

    def count_profiles(self) -> dict[ProfileKind, int]:
        rows = self._profiles().values("kind").annotate(n=Count("pk")).order_by()
        return {ProfileKind(row["kind"]): row["n"] for row in rows}

    def count_identities(self) -> int:
        return Identity.objects.using(self.using).count()

    # -- folding and erasing profiles ------------------------------------------------------

    def delete_profiles(self, ids: Collection[int]) -> None:
        # Their emails and the recommendations naming them go with them (same app cascades).
        for chunk in chunks(set(ids)):
            self._profiles().filter(pk__in=chunk).delete()

    def tombstones(self, digests: Collection[str]) -> dict[str, int | None]:
        rows = Tombstone.objects.using(self.using)
        return {
            digest: into
            for chunk in chunks(set(digests))
            for digest, into in rows.filter(pk__in=chunk).values_list("pk", "into_profile_id")
        }

    def add_tombstones(self, tombstones: Mapping[str, int | None], at: datetime) -> None:
        Tombstone.objects.using(self.using).bulk_create(
            [Tombstone(digest=d, into_profile_id=i, at=at) for d, i in tombstones.items()],
            update_conflicts=True,
            unique_fields=["digest"],
            update_fields=["into_profile_id", "at"],
            batch_size=INSERT_BATCH,
        )

    def retarget_tombstones(self, profile_id: int, into: int | None) -> None:
        Tombstone.objects.using(self.using).filter(into_profile_id=profile_id).update(
            into_profile_id=into
        )

    def erasure_key(self) -> bytes:
        settings = HubSetting.objects.using(self.using)
        # Two first writers race: the row the database kept is the one both read back.
        settings.bulk_create(
            [HubSetting(name=ERASURE_KEY, value=secrets.token_hex(32))], ignore_conflicts=True
        )
        return bytes.fromhex(settings.get(name=ERASURE_KEY).value)

    def redact_audit(self, profile_id: int) -> None:
        # JSON containment is not portable (SQLite lacks it); erasures are rare, so the log's
        # subjects are read through, a column at a time.
        rows = AuditRow.objects.using(self.using)
        naming = [
            pk
            for pk, profiles in rows.values_list("pk", "profiles").iterator(chunk_size=2000)
            if any(int(p[1]) == profile_id for p in profiles)
        ]
        for chunk in chunks(naming):
            rows.filter(pk__in=chunk).update(reason="", evidence=[])

    def add_outbox(self, events: Sequence[ProfileEvent], at: datetime) -> None:
        if not events:
            return
        settings = HubSetting.objects.using(self.using)
        settings.bulk_create([HubSetting(name=OUTBOX_POSITION, value="0")], ignore_conflicts=True)
        # Locked until this transaction ends: positions commit in the order they are given.
        counter = settings.select_for_update().get(name=OUTBOX_POSITION)
        start = int(counter.value)
        OutboxMessage.objects.using(self.using).bulk_create(
            [_outbox_row(start + n, event, at) for n, event in enumerate(events, 1)]
        )
        counter.value = str(start + len(events))
        counter.save(using=self.using, update_fields=["value"])

    def outbox_after(self, position: int, limit: int) -> list[OutboxEntry]:
        rows = OutboxMessage.objects.using(self.using).filter(position__gt=position)
        return [_outbox_entry(row) for row in rows.order_by("position")[:limit]]

    def outbox_end(self) -> int:
        counter = HubSetting.objects.using(self.using).filter(name=OUTBOX_POSITION).first()
        return 0 if counter is None else int(counter.value)

    def prune_outbox(self, through: int) -> int:
        rows = OutboxMessage.objects.using(self.using).filter(position__lte=through)
        dropped, _ = rows.delete()
        return dropped
