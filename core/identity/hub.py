"""The identity hub's use cases, on any repository and unit of work.

Every public method is one unit of work. Bulk methods cost a fixed number of repository calls
whatever the batch size; the adapters turn each call into a bounded number of queries.
"""

from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import cast

from core.identity.attributes import changed_fields
from core.identity.normalize import display, email_address
from core.identity.resolution import Slot, plan_resolution
from core.protocols.claims import ProfileClaim
from core.protocols.errors import (
    EmailNotFound,
    IdentityError,
    IdentityNotFound,
    ProfileNotFound,
)
from core.protocols.events import (
    EmailAdded,
    HubEvent,
    IdentityCreated,
    IdentityUpdated,
    ProfileCreated,
    ProfileLinked,
    ProfileUnlinked,
    ProfileUpdated,
)
from core.protocols.identity import IdentityRepository, IdentityUnitOfWork
from core.protocols.records import EmailRecord, IdentityRecord, ProfileRecord, ProfileSnapshot
from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef, ref_of

type Publish = Callable[[HubEvent], None]


def _ignore(event: HubEvent) -> None:
    del event


class IdentityHub:
    """Implements core.protocols.IdentityService."""

    def __init__(self, uow: IdentityUnitOfWork, publish: Publish = _ignore) -> None:
        self._uow = uow
        self._publish = publish

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
            plan = plan_resolution(repository, claims, create=True, errors=errors)
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
            plan = plan_resolution(uow.identities, claims, create=False)
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

    def create_identity(self, display_name: str = "", description: str = "") -> IdentityRef:
        name = display(display_name, "identity name")
        with self._uow as uow:
            identity = uow.identities.add_identity(name, description.strip())
            self._announce(uow, IdentityCreated(identity.ref, name))
            uow.commit()
        return identity.ref

    def update_identity(
        self, identity: IdentityRef, display_name: str, description: str = ""
    ) -> None:
        """Rename a person or change their description; a label, not a key."""
        name = display(display_name, "identity name")
        with self._uow as uow:
            repository = uow.identities
            found = repository.identities_by_id([identity.identity_id])
            if not found:
                raise IdentityNotFound(f"no identity with id {identity.identity_id}")
            updated = IdentityRecord(identity.identity_id, name, description.strip())
            if updated == found[0]:
                return
            repository.update_identity(updated)
            self._announce(uow, IdentityUpdated(identity, name, updated.description))
            uow.commit()

    def link(self, ref: ProfileRef, identity: IdentityRef) -> None:
        with self._uow as uow:
            repository = uow.identities
            profile = _profile(repository, ref)
            if not repository.identities_by_id([identity.identity_id]):
                raise IdentityNotFound(f"no identity with id {identity.identity_id}")
            if profile.identity_id == identity.identity_id:
                return
            repository.set_identity([ref.profile_id], identity.identity_id)
            self._announce(uow, ProfileLinked(ref, identity, profile.identity))
            uow.commit()

    def unlink(self, ref: ProfileRef) -> None:
        with self._uow as uow:
            repository = uow.identities
            profile = _profile(repository, ref)
            if profile.identity is None:
                return
            repository.set_identity([ref.profile_id], None)
            self._announce(uow, ProfileUnlinked(ref, profile.identity))
            uow.commit()

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


def _email(repository: IdentityRepository, ref: ProfileRef, address: str) -> EmailRecord:
    _profile(repository, ref)
    for email in repository.emails_of([ref.profile_id]):
        if email.address == address:
            return email
    raise EmailNotFound(f"{ref.kind.value} profile {ref.profile_id} has no email {address!r}")


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
