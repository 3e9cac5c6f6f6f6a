"""The identity hub's use cases, on any repository and unit of work.

Every public method is one unit of work. Bulk methods cost a fixed number of repository calls
whatever the batch size; the adapters turn each call into a bounded number of queries.
"""

from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import cast

import attrs

from core.identity.attributes import changed_fields
from core.identity.erasure import seal, tombstone_digests
from core.identity.merging import check_active, check_unlocked, plan_merge, plan_unmerge
from core.identity.normalize import display, email_address
from core.identity.resolution import Slot, plan_resolution
from core.protocols.audit import (
    SYSTEM,
    Actor,
    AuditEntry,
    AuditEvidence,
    MergeRecord,
    MergeRef,
    Operation,
    UnmergeReport,
)
from core.protocols.claims import ProfileClaim
from core.protocols.errors import (
    AlreadyUnmerged,
    EmailNotFound,
    IdentityError,
    IdentityNotFound,
    InvalidMerge,
    MergeNotFound,
    ProfileNotFound,
)
from core.protocols.events import (
    EmailAdded,
    HubEvent,
    IdentitiesMerged,
    IdentityCreated,
    IdentityUnmerged,
    IdentityUpdated,
    ProfileCreated,
    ProfileErased,
    ProfileEvent,
    ProfileLinked,
    ProfileMoved,
    ProfilesMerged,
    ProfileUnlinked,
    ProfileUpdated,
)
from core.protocols.identity import IdentityRepository, IdentityUnitOfWork
from core.protocols.records import EmailRecord, IdentityRecord, ProfileRecord, ProfileSnapshot
from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef, ref_of

type Publish = Callable[[HubEvent], None]
type Clock = Callable[[], datetime]


def _ignore(event: HubEvent) -> None:
    del event


def _now() -> datetime:
    return datetime.now(UTC)


class IdentityHub:
    """Implements core.protocols.IdentityService."""

    def __init__(
        self,
        uow: IdentityUnitOfWork,
        publish: Publish = _ignore,
        clock: Clock = _now,
        erasure_key: bytes | None = None,
    ) -> None:
        """``erasure_key`` keys the digests of tombstones (``core.identity.erasure``); without
        one, the database's own key is used."""
        self._uow = uow
        self._publish = publish
        self._clock = clock
        self._erasure_key = erasure_key

    # -- profiles -----------------------------------------------------------------------

    def get_or_create[R: ProfileRef](self, claim: ProfileClaim[R]) -> R | None:
        return self.get_or_create_many([claim])[0]

    def get_or_create_many[R: ProfileRef](
        self, claims: Sequence[ProfileClaim[R]]
    ) -> list[R | None]:
        """One profile per claim, created where missing; the first invalid claim raises and
        nothing of the batch is stored."""
        # Without an errors dict an invalid claim raises, so no error comes back in the list.
        return cast(list[R | None], self._get_or_create(claims, errors=None))

    def get_or_create_each[R: ProfileRef](
        self, claims: Sequence[ProfileClaim[R]]
    ) -> list[R | IdentityError | None]:
        """Like get_or_create_many, but an invalid claim yields its error in its place and the
        valid ones are stored: for ingests that skip only the records it concerns."""
        return self._get_or_create(claims, errors={})

    def _get_or_create[R: ProfileRef](
        self, claims: Sequence[ProfileClaim[R]], errors: dict[int, IdentityError] | None
    ) -> list[R | IdentityError | None]:
        if not claims:
            return []
        with self._uow as uow:
            repository = uow.identities
            plan = plan_resolution(
                repository, claims, create=True, errors=errors, seal=self._sealer(repository)
            )
            if plan.changed:
                repository.update_profiles(list(plan.changed.values()))
            if plan.new:
                repository.add_profiles(list(plan.new.values()))
            ids = _ids_by_slot(repository, plan.stored, plan.new)
            events: list[HubEvent] = [
                ProfileCreated(_ref(slot, ids), slot[1]) for slot in plan.new if slot in ids
            ]
            events.extend(
                ProfileUpdated(record.ref, changed_fields(plan.originals[profile_id], record))
                for profile_id, record in plan.changed.items()
            )
            events.extend(self._attach_emails(repository, ids, plan.emails))
            self._announce(uow, *events)
            uow.commit()
        found = errors or {}
        return [
            found[index] if index in found else None if slot is None else claim.ref(ids[slot])
            for index, (claim, slot) in enumerate(zip(claims, plan.slots, strict=True))
        ]

    def find_many[R: ProfileRef](self, claims: Sequence[ProfileClaim[R]]) -> list[R | None]:
        """The profiles the claims name, without creating or changing any."""
        if not claims:
            return []
        with self._uow as uow:
            repository = uow.identities
            plan = plan_resolution(repository, claims, create=False, seal=self._sealer(repository))
        ids = {slot: record.id for slot, record in plan.stored.items()}
        return [
            None if slot is None else claim.ref(ids[slot])
            for claim, slot in zip(claims, plan.slots, strict=True)
        ]

    def existing(self, refs: Collection[ProfileRef]) -> frozenset[ProfileRef]:
        """Those of ``refs`` that name a stored profile of their own kind."""
        if not refs:
            return frozenset()
        with self._uow as uow:
            records = uow.identities.profiles_by_id({ref.profile_id for ref in refs})
        stored = {record.ref for record in records}
        return frozenset(ref for ref in refs if ref in stored)

    def get(self, ref: ProfileRef) -> ProfileSnapshot | None:
        return self.get_many([ref]).get(ref)

    def get_many(self, refs: Collection[ProfileRef]) -> dict[ProfileRef, ProfileSnapshot]:
        if not refs:
            return {}
        wanted = set(refs)
        with self._uow as uow:
            repository = uow.identities
            records = [
                record
                for record in repository.profiles_by_id({ref.profile_id for ref in refs})
                if record.ref in wanted
            ]
            emails = repository.emails_of([record.id for record in records]) if records else []
        by_profile: dict[int, list[EmailRecord]] = {}
        for email in sorted(emails, key=lambda e: (not e.is_primary, e.address)):
            by_profile.setdefault(email.profile_id, []).append(email)
        return {
            record.ref: ProfileSnapshot(record, tuple(by_profile.get(record.id, ())))
            for record in records
        }

    def count_profiles(self) -> dict[ProfileKind, int]:
        with self._uow as uow:
            return uow.identities.count_profiles()

    # -- emails -------------------------------------------------------------------------

    def add_email(
        self, ref: ProfileRef, address: str, *, primary: bool = False, active: bool = True
    ) -> EmailRecord:
        address = email_address(address)
        with self._uow as uow:
            repository = uow.identities
            _profile(repository, ref)
            emails = {e.address: e for e in repository.emails_of([ref.profile_id])}
            existing = emails.get(address)
            if existing is not None:
                make_primary = primary or existing.is_primary
            else:
                make_primary = primary or (
                    active and not any(e.is_primary for e in emails.values())
                )
            if make_primary:
                _clear_primary(repository, emails.values(), keep=address)
            email = EmailRecord(ref.profile_id, address, is_primary=make_primary, is_active=active)
            if address in emails:
                repository.update_emails([email])
            else:
                repository.add_emails([email])
                self._announce(uow, EmailAdded(ref, address))
            uow.commit()
        return email

    def set_primary_email(self, ref: ProfileRef, address: str) -> None:
        address = email_address(address)
        with self._uow as uow:
            repository = uow.identities
            email = _email(repository, ref, address)
            emails = repository.emails_of([ref.profile_id])
            _clear_primary(repository, emails, keep=address)
            repository.update_emails([EmailRecord(ref.profile_id, address, True, email.is_active)])
            uow.commit()

    def set_email_active(self, ref: ProfileRef, address: str, active: bool) -> None:
        address = email_address(address)
        with self._uow as uow:
            repository = uow.identities
            email = _email(repository, ref, address)
            repository.update_emails(
                [EmailRecord(ref.profile_id, address, email.is_primary, active)]
            )
            uow.commit()

    def remove_email(self, ref: ProfileRef, address: str) -> None:
        """Remove the address; when it was the primary one, the first remaining active
        address becomes primary."""
        address = email_address(address)
        with self._uow as uow:
            repository = uow.identities
            email = _email(repository, ref, address)
            repository.remove_email(ref.profile_id, address)
            if email.is_primary:
                remaining = sorted(
                    (e for e in repository.emails_of([ref.profile_id]) if e.is_active),
                    key=lambda e: e.address,
                )
                if remaining:
                    successor = remaining[0]
                    repository.update_emails(
                        [EmailRecord(ref.profile_id, successor.address, True, True)]
                    )
            uow.commit()

    # -- identities ---------------------------------------------------------------------
    #
    # Every write below is checked against locks (an automatic job may not change a locked
    # identity; a user may) and leaves one entry in the audit log.

    def create_identity(
        self,
        display_name: str = "",
        description: str = "",
        *,
        actor: Actor = SYSTEM,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> IdentityRef:
        name = display(display_name, "identity name")
        with self._uow as uow:
            identity = uow.identities.add_identity(name, description.strip())
            self._audit(uow, Operation.CREATE_IDENTITY, actor, reason, evidence, [identity.ref])
            self._announce(uow, IdentityCreated(identity.ref, name))
            uow.commit()
        return identity.ref

    def update_identity(
        self,
        identity: IdentityRef,
        display_name: str,
        description: str = "",
        *,
        actor: Actor = SYSTEM,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None:
        """Rename a person or change their description; a label, not a key."""
        name = display(display_name, "identity name")
        with self._uow as uow:
            repository = uow.identities
            found = _identities(repository, [identity], for_update=True)[0]
            updated = attrs.evolve(found, display_name=name, description=description.strip())
            if updated == found:
                return
            check_unlocked(actor, [found])
            repository.update_identities([updated])
            self._audit(uow, Operation.UPDATE_IDENTITY, actor, reason, evidence, [identity])
            self._announce(uow, IdentityUpdated(identity, name, updated.description))
            uow.commit()

    def link(
        self,
        ref: ProfileRef,
        identity: IdentityRef,
        *,
        actor: Actor = SYSTEM,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None:
        with self._uow as uow:
            repository = uow.identities
            profile = _profile(repository, ref)
            if profile.identity_id == identity.identity_id:
                _identities(repository, [identity])
                return
            wanted = [identity] if profile.identity is None else [identity, profile.identity]
            found = _identities(repository, wanted, for_update=True)
            check_active(found[:1])
            check_unlocked(actor, found)
            repository.set_identity([ref.profile_id], identity.identity_id)
            self._audit(uow, Operation.LINK, actor, reason, evidence, wanted, [ref])
            self._announce(uow, ProfileLinked(ref, identity, profile.identity))
            uow.commit()

    def unlink(
        self,
        ref: ProfileRef,
        *,
        actor: Actor = SYSTEM,
        reason: str = "",
        evidence: AuditEvidence = (),
    ) -> None:
        with self._uow as uow:
            repository = uow.identities
            profile = _profile(repository, ref)
            if profile.identity is None:
                return
            check_unlocked(actor, _identities(repository, [profile.identity], for_update=True))
            repository.set_identity([ref.profile_id], None)
            self._audit(uow, Operation.UNLINK, actor, reason, evidence, [profile.identity], [ref])
            self._announce(uow, ProfileUnlinked(ref, profile.identity))
            uow.commit()

    def move(
        self,
        profile: ProfileRef,
        to: IdentityRef | None,
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> None:
        """Move one profile to another identity, or to none; moving it where it is does
        nothing."""
        with self._uow as uow:
            repository = uow.identities
            record = _profile(repository, profile)
            previous = record.identity
            if previous == to:
                if to is not None:
                    _identities(repository, [to])
                return
            wanted = [i for i in (to, previous) if i is not None]
            found = {r.id: r for r in _identities(repository, wanted, for_update=True)}
            if to is not None:
                check_active([found[to.identity_id]])
            check_unlocked(actor, found.values())
            repository.set_identity([profile.profile_id], None if to is None else to.identity_id)
            self._audit(uow, Operation.MOVE, actor, reason, evidence, wanted, [profile])
            self._announce(uow, ProfileMoved(profile, previous, to))
            uow.commit()

    def merge(
        self,
        into: IdentityRef,
        others: Sequence[IdentityRef],
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> MergeRef:
        """Fold ``others`` into ``into``: their profiles move to it, it takes the fields it
        lacked (from the first of ``others`` that has each), and they are retired, kept as
        merged into it. The stored merge records exactly what changed, for ``unmerge``."""
        with self._uow as uow:
            repository = uow.identities
            found = {r.id: r for r in _identities(repository, [into, *others], for_update=True)}
            plan = plan_merge(
                found[into.identity_id],
                [found[o.identity_id] for o in others],
                repository.profiles_of_identities([o.identity_id for o in others]),
                actor=actor,
                reason=reason,
                evidence=tuple(evidence),
                at=self._clock(),
            )
            draft = plan.draft
            moved = tuple(move.profile for move in draft.moves)
            if moved:
                repository.set_identity([ref.profile_id for ref in moved], into.identity_id)
            repository.update_identities(plan.identities)
            merge = repository.add_merge(draft)
            self._audit(
                uow, Operation.MERGE, actor, reason, evidence, [into, *others], moved, merge
            )
            events: list[HubEvent] = [IdentitiesMerged(merge, into, draft.others, moved)]
            if draft.changes:
                merged = plan.identities[0]
                events.append(IdentityUpdated(into, merged.display_name, merged.description))
            self._announce(uow, *events)
            uow.commit()
        return merge

    def unmerge(
        self, merge: MergeRef, *, actor: Actor, reason: str, evidence: AuditEvidence = ()
    ) -> UnmergeReport:
        """Undo ``merge`` exactly: the identities it folded are revived, each profile it moved
        goes back to the identity it came from, and the fields it filled get their old values,
        whatever happened since that did not touch them. A profile a later operation moved
        elsewhere stays where it is, and a field changed since keeps its new value; the report
        names both. A merge is undone once: a second unmerge raises AlreadyUnmerged."""
        with self._uow as uow:
            repository = uow.identities
            done = _merge(repository, merge).merge
            found = {
                r.id: r for r in _identities(repository, [done.into, *done.others], for_update=True)
            }
            # Read again once its identities are locked: a concurrent unmerge of the same merge
            # that got there first has committed by now, and this one is refused.
            record = _merge(repository, merge)
            current = {
                p.id: p
                for p in repository.profiles_by_id([m.profile.profile_id for m in done.moves])
            }
            plan = plan_unmerge(merge, done, found, current, actor=actor)
            if plan.assignments:
                repository.assign_identities(plan.assignments)
            repository.update_identities(plan.identities)
            repository.mark_unmerged(
                attrs.evolve(record, unmerged_at=self._clock(), unmerged_by=actor)
            )
            report = plan.report
            restored = tuple(m.profile for m in report.restored)
            left = tuple(m.profile for m in report.left)
            self._audit(
                uow,
                Operation.UNMERGE,
                actor,
                reason,
                evidence,
                [done.into, *report.revived],
                restored + left,
                merge,
            )
            events: list[HubEvent] = [
                IdentityUnmerged(merge, done.into, report.revived, restored, left)
            ]
            into = next((r for r in plan.identities if r.id == done.into.identity_id), None)
            if into is not None:
                events.append(IdentityUpdated(done.into, into.display_name, into.description))
            self._announce(uow, *events)
            uow.commit()
        return report

    def merge_record(self, merge: MergeRef) -> MergeRecord:
        """The stored merge: what it changed, by whom, and whether it was undone."""
        with self._uow as uow:
            return _merge(uow.identities, merge, undone=True)

    def lock(self, identity: IdentityRef, *, actor: Actor, reason: str = "") -> None:
        """Keep automatic jobs from changing the identity; users still may."""
        self._set_lock(identity, True, actor, reason)

    def unlock(self, identity: IdentityRef, *, actor: Actor, reason: str = "") -> None:
        self._set_lock(identity, False, actor, reason)

    def is_locked(self, identity: IdentityRef) -> bool:
        with self._uow as uow:
            return _identities(uow.identities, [identity])[0].is_locked

    def identity(self, identity: IdentityRef) -> IdentityRecord:
        """The stored identity: its fields, its lock, and what it was merged into, if it was."""
        with self._uow as uow:
            return _identities(uow.identities, [identity])[0]

    def audit(self, identity: IdentityRef | None = None, limit: int = 50) -> list[AuditEntry]:
        """The audit log, newest first: every entry, or those about ``identity``."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        with self._uow as uow:
            return uow.identities.audit(None if identity is None else identity.identity_id, limit)

    def identity_of(self, ref: ProfileRef) -> IdentityRef | None:
        with self._uow as uow:
            return _profile(uow.identities, ref).identity

    def profiles_of(self, identity: IdentityRef) -> list[ProfileRef]:
        with self._uow as uow:
            repository = uow.identities
            if not repository.identities_by_id([identity.identity_id]):
                raise IdentityNotFound(f"no identity with id {identity.identity_id}")
            records = repository.profiles_of_identity(identity.identity_id)
        return [record.ref for record in sorted(records, key=lambda r: r.id)]

    def count_identities(self) -> int:
        with self._uow as uow:
            return uow.identities.count_identities()

    # -- helpers ------------------------------------------------------------------------

    # -- folding and erasing profiles ----------------------------------------------------

    def merge_profiles(
        self,
        source: ProfileRef,
        into: ProfileRef,
        *,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence = (),
    ) -> None:
        """Fold ``source`` into ``into``, a profile of the same kind: the same account under
        two keys. ``into`` takes the addresses and the fields it lacked, and the identity if
        it had none; ``source`` is deleted, and a tombstone sends later claims of it to
        ``into``. Trackers re-point their references when they apply the ``ProfilesMerged``
        event the outbox now holds. Profiles of different kinds are one person through their
        identity, never by folding: each tracker's reference keeps its kind."""
        if source == into:
            raise InvalidMerge(f"{source} cannot be merged into itself")
        if source.kind is not into.kind:
            raise InvalidMerge(
                f"{source} cannot be merged into {into}: a profile folds only into one of its"
                " kind; link profiles of different kinds through an identity"
            )
        with self._uow as uow:
            repository = uow.identities
            folded, kept = _profile(repository, source), _profile(repository, into)
            held = sorted({i for i in (folded.identity_id, kept.identity_id) if i is not None})
            found = _identities(repository, [IdentityRef(i) for i in held], for_update=True)
            check_unlocked(actor, found)
            if len(held) > 1:
                raise InvalidMerge(
                    f"{source} is in identity {folded.identity_id} and {into} in identity"
                    f" {kept.identity_id}: merge the identities first"
                )
            filled = _filled(kept, folded)
            if filled != kept:
                repository.update_profiles([filled])
            if held and kept.identity_id is None:
                repository.set_identity([kept.id], held[0])
            emails = repository.emails_of([folded.id, kept.id])
            self._bury(uow, folded, kept.id, ProfilesMerged(source, into))
            repository.add_emails(_taken_emails(emails, folded.id, kept.id))
            identities = [record.ref for record in found]
            self._audit(
                uow, Operation.MERGE_PROFILES, actor, reason, evidence, identities, [source, into]
            )
            uow.commit()

    def erase(self, ref: ProfileRef, *, actor: Actor, reason: str) -> None:
        """Erase a profile on request: its row and addresses are deleted, the audit entries
        about it lose their reason and evidence (they may quote it), and tombstones keep
        later collects from bringing it back; an identity left with no profile loses its name
        and description. Trackers anonymise their records when they apply the
        ``ProfileErased`` event the outbox now holds. ``reason`` (a request's number, say) is
        kept in the audit log: it should not itself identify the person."""
        with self._uow as uow:
            repository = uow.identities
            record = _profile(repository, ref)
            held = [] if record.identity is None else [record.identity]
            found = _identities(repository, held, for_update=True)
            check_unlocked(actor, found)
            repository.redact_audit(record.id)
            self._bury(uow, record, None, ProfileErased(ref))
            emptied = [
                attrs.evolve(identity, display_name="", description="")
                for identity in found
                if not repository.profiles_of_identity(identity.id)
            ]
            if emptied:
                repository.update_identities(emptied)
            self._audit(uow, Operation.ERASE, actor, reason, (), held, [ref])
            uow.commit()

    def _bury(
        self, uow: IdentityUnitOfWork, gone: ProfileRecord, into: int | None, event: ProfileEvent
    ) -> None:
        """Delete ``gone``; leave a tombstone leading to ``into`` (None: erased) under every
        key that named it, and send those that led to it there too; write ``event`` to the
        outbox in this transaction, to be published once it commits."""
        repository = uow.identities
        repository.delete_profiles([gone.id])
        at = self._clock()
        digests = tombstone_digests(self._secret(repository), gone)
        repository.add_tombstones(dict.fromkeys(digests, into), at)
        repository.retarget_tombstones(gone.id, into)
        repository.add_outbox([event], at)
        self._announce(uow, event)

    def _secret(self, repository: IdentityRepository) -> bytes:
        if self._erasure_key is None:
            self._erasure_key = repository.erasure_key()
        return self._erasure_key

    def _sealer(self, repository: IdentityRepository) -> Callable[[ProfileKind, str], str]:
        return partial(seal, self._secret(repository))

    def _set_lock(self, identity: IdentityRef, locked: bool, actor: Actor, reason: str) -> None:
        with self._uow as uow:
            repository = uow.identities
            found = _identities(repository, [identity], for_update=True)[0]
            if found.is_locked == locked:
                return
            check_unlocked(actor, [found])
            repository.update_identities([attrs.evolve(found, is_locked=locked)])
            operation = Operation.LOCK if locked else Operation.UNLOCK
            self._audit(uow, operation, actor, reason, (), [identity])
            uow.commit()

    def _audit(
        self,
        uow: IdentityUnitOfWork,
        operation: Operation,
        actor: Actor,
        reason: str,
        evidence: AuditEvidence,
        identities: Sequence[IdentityRef],
        profiles: Sequence[ProfileRef] = (),
        merge: MergeRef | None = None,
    ) -> None:
        uow.identities.add_audit(
            [
                AuditEntry(
                    operation=operation,
                    actor=actor,
                    reason=reason,
                    at=self._clock(),
                    identities=tuple(identities),
                    profiles=tuple(profiles),
                    evidence=tuple(evidence),
                    merge=merge,
                )
            ]
        )

    def _announce(self, uow: IdentityUnitOfWork, *events: HubEvent) -> None:
        """Publish ``events`` once the work they report is committed: inside a batch's unit of
        work, when the batch commits; never, if it rolls back."""
        if events:
            uow.on_commit(partial(self._publish_all, events))

    def _publish_all(self, events: tuple[HubEvent, ...]) -> None:
        for event in events:
            self._publish(event)

    def _attach_emails(
        self, repository: IdentityRepository, ids: dict[Slot, int], wanted: list[tuple[Slot, str]]
    ) -> list[HubEvent]:
        if not wanted:
            return []
        profile_ids = {ids[slot] for slot, _ in wanted}
        stored = repository.emails_of(profile_ids)
        known = {(e.profile_id, e.address) for e in stored}
        with_primary = {e.profile_id for e in stored if e.is_primary}
        added: list[EmailRecord] = []
        events: list[HubEvent] = []
        for slot, address in wanted:
            profile_id = ids[slot]
            if (profile_id, address) in known:
                continue
            known.add((profile_id, address))
            # The first address a profile gets is its primary one, as in the seed.
            added.append(
                EmailRecord(profile_id, address, is_primary=profile_id not in with_primary)
            )
            with_primary.add(profile_id)
            events.append(EmailAdded(_ref(slot, ids), address))
        repository.add_emails(added)
        return events


def _ids_by_slot(
    repository: IdentityRepository, stored: dict[Slot, ProfileRecord], new: Collection[Slot]
) -> dict[Slot, int]:
    ids = {slot: record.id for slot, record in stored.items()}
    if new:
        wanted: dict[ProfileKind, set[str]] = {}
        for kind, key in new:
            wanted.setdefault(kind, set()).add(key)
        for record in repository.profiles_by_key(wanted):
            ids[(record.kind, record.key)] = record.id
    return ids


def _ref(slot: Slot, ids: dict[Slot, int]) -> ProfileRef:
    return ref_of(slot[0], ids[slot])


def _profile(repository: IdentityRepository, ref: ProfileRef) -> ProfileRecord:
    for record in repository.profiles_by_id([ref.profile_id]):
        if record.ref == ref:
            return record
    raise ProfileNotFound(f"no {ref.kind.value} profile with id {ref.profile_id}")


def _identities(
    repository: IdentityRepository, refs: Sequence[IdentityRef], *, for_update: bool = False
) -> list[IdentityRecord]:
    """The identities, in the order of ``refs``; the first missing one raises. ``for_update``
    locks them against concurrent writers until the unit of work ends."""
    read = repository.identities_for_update if for_update else repository.identities_by_id
    found = {record.id: record for record in read([ref.identity_id for ref in refs])}
    for ref in refs:
        if ref.identity_id not in found:
            raise IdentityNotFound(f"no identity with id {ref.identity_id}")
    return [found[ref.identity_id] for ref in refs]


def _merge(repository: IdentityRepository, ref: MergeRef, *, undone: bool = False) -> MergeRecord:
    found = repository.merges_by_id([ref])
    if not found:
        raise MergeNotFound(f"no merge with id {ref.merge_id}")
    record = found[0]
    if record.unmerged_at is not None and not undone:
        raise AlreadyUnmerged(
            f"merge {ref.merge_id} was already undone at {record.unmerged_at.isoformat()}"
            f" by {record.unmerged_by}"
        )
    return record


def _email(repository: IdentityRepository, ref: ProfileRef, address: str) -> EmailRecord:
    _profile(repository, ref)
    for email in repository.emails_of([ref.profile_id]):
        if email.address == address:
            return email
    raise EmailNotFound(f"{ref.kind.value} profile {ref.profile_id} has no email {address!r}")


def _filled(kept: ProfileRecord, folded: ProfileRecord) -> ProfileRecord:
    """``kept`` with the descriptive fields it lacks taken from ``folded``."""
    lacking = {
        name: getattr(folded, name)
        for name in ("display_name", "username", "external_id", "avatar_url", "account_type")
        if not getattr(kept, name) and getattr(folded, name)
    }
    return attrs.evolve(kept, **lacking) if lacking else kept


def _taken_emails(
    emails: Collection[EmailRecord], folded_id: int, kept_id: int
) -> list[EmailRecord]:
    """The folded profile's addresses the kept one lacks, as the kept one's; its primary
    address stays primary only if the kept one has none."""
    has = {e.address for e in emails if e.profile_id == kept_id}
    primary = any(e.is_primary for e in emails if e.profile_id == kept_id)
    taken: list[EmailRecord] = []
    for email in sorted(
        (e for e in emails if e.profile_id == folded_id),
        key=lambda e: (not e.is_primary, e.address),
    ):
        if email.address in has:
            continue
        taken.append(
            EmailRecord(kept_id, email.address, email.is_primary and not primary, email.is_active)
        )
        primary = primary or email.is_primary
    return taken


def _clear_primary(
    repository: IdentityRepository, emails: Collection[EmailRecord], *, keep: str
) -> None:
    demoted = [
        EmailRecord(e.profile_id, e.address, False, e.is_active)
        for e in emails
        if e.is_primary and e.address != keep
    ]
    if demoted:
        repository.update_emails(demoted)
