"""Resolving a batch of claims to profiles with a fixed number of repository calls.

The plan reads every candidate row in two bulk queries, decides in memory which claims match
which rows, which rows change and which are new, and then writes in bulk. GitHub needs the
extra care: an account first seen by login alone (a repository owner, a legacy noreply
address) is upgraded in place when its numeric id turns up, and a login-only claim finds the
account already known by id.
"""

from collections.abc import Callable, Sequence

import attrs

from core.identity.attributes import Attributes, attributes_of, draft_of, merged
from core.identity.keys import natural_key
from core.protocols.claims import GitHubAccountClaim, ProfileClaim
from core.protocols.errors import ErasedPerson, IdentityError
from core.protocols.identity import IdentityRepository
from core.protocols.records import ProfileDraft, ProfileRecord
from core.protocols.refs import ProfileKind, ProfileRef

type Slot = tuple[ProfileKind, str]
# The tombstone digest of a (kind, key): see core.identity.erasure.
type Seal = Callable[[ProfileKind, str], str]

_GITHUB = ProfileKind.GITHUB


@attrs.frozen
class _Claimed:
    claim: ProfileClaim[ProfileRef]
    key: str
    attributes: Attributes

    @property
    def login(self) -> str:
        return self.attributes.username.casefold() if self.claim.kind is _GITHUB else ""

    @property
    def is_github_login_only(self) -> bool:
        return self.claim.kind is _GITHUB and self.key.startswith("login:")


@attrs.define
class ResolutionPlan:
    """Which stored or new profile each claim of a batch names."""

    stored: dict[Slot, ProfileRecord] = attrs.field(factory=dict)
    new: dict[Slot, ProfileDraft] = attrs.field(factory=dict)
    # Rows whose fields change, by id; the original row, for event reporting.
    changed: dict[int, ProfileRecord] = attrs.field(factory=dict)
    originals: dict[int, ProfileRecord] = attrs.field(factory=dict)
    github_logins: dict[str, Slot] = attrs.field(factory=dict)
    slots: list[Slot | None] = attrs.field(factory=list)
    emails: list[tuple[Slot, str]] = attrs.field(factory=list)

    def slot_of(self, index: int) -> Slot | None:
        return self.slots[index]


def plan_resolution(
    repository: IdentityRepository,
    claims: Sequence[ProfileClaim[ProfileRef]],
    *,
    create: bool,
    errors: dict[int, IdentityError] | None = None,
    seal: Seal | None = None,
) -> ResolutionPlan:
    """Plan the batch. With ``errors``, an invalid claim is recorded there by its index and
    names no profile; without, it raises. With ``seal``, a claim whose key a tombstone holds
    names the profile it was folded into, or, erased, no profile (``ErasedPerson`` in
    ``errors``)."""
    claimed: list[_Claimed | None] = []
    for index, claim in enumerate(claims):
        try:
            key = natural_key(claim)
            claimed.append(None if key is None else _Claimed(claim, key, attributes_of(claim)))
        except IdentityError as error:
            if errors is None:
                raise
            errors[index] = error
            claimed.append(None)
    if seal is not None:
        _follow_tombstones(repository, claimed, seal, errors)

    wanted: dict[ProfileKind, set[str]] = {}
    logins: set[str] = set()
    for item in claimed:
        if item is not None:
            wanted.setdefault(item.claim.kind, set()).add(item.key)
            if item.login:
                logins.add(item.login)

    plan = ResolutionPlan()
    for record in repository.profiles_by_key(wanted) if wanted else []:
        plan.stored[(record.kind, record.key)] = record
    if logins:
        # Prefer accounts known by id; among several (a login reused after a rename), the
        # newest row.
        for record in sorted(
            repository.profiles_by_username(_GITHUB, logins),
            key=lambda r: (r.key.startswith("id:"), r.id),
        ):
            plan.stored.setdefault((record.kind, record.key), record)
            plan.github_logins[record.username.casefold()] = (record.kind, record.key)

    plan.slots = [None] * len(claimed)
    # Accounts known by id first, so that login-only claims of the same batch join them.
    order = sorted(
        (i for i, item in enumerate(claimed) if item is not None),
        key=lambda i: _is_login_only(claimed[i]),
    )
    for index in order:
        item = claimed[index]
        assert item is not None
        plan.slots[index] = _place(plan, item, create=create)
    # Claims of one batch may change a value and change it back: only net changes are writes.
    plan.changed = {
        profile_id: record
        for profile_id, record in plan.changed.items()
        if record != plan.originals[profile_id]
    }
    # Addresses in the order the claims came, so "the first address is primary" means the
    # first one the source gave.
    plan.emails = [
        (slot, item.attributes.email)
        for item, slot in zip(claimed, plan.slots, strict=True)
        if item is not None and slot is not None and item.attributes.email
    ]
    return plan


def _follow_tombstones(
    repository: IdentityRepository,
    claimed: list[_Claimed | None],
    seal: Seal,
    errors: dict[int, IdentityError] | None,
) -> None:
    """Point each claim of a folded profile at the profile it went into, and drop each claim
    of an erased one: one query for the tombstones, one for the profiles they lead to."""
    digests = {
        index: seal(item.claim.kind, item.key)
        for index, item in enumerate(claimed)
        if item is not None
    }
    found = repository.tombstones(set(digests.values())) if digests else {}
    if not found:
        return
    targets = {
        record.id: record
        for record in repository.profiles_by_id({i for i in found.values() if i is not None})
    }
    for index, digest in digests.items():
        if digest not in found:
            continue
        item = claimed[index]
        assert item is not None
        into = found[digest]
        target = None if into is None else targets.get(into)
        if target is not None and target.kind is item.claim.kind:
            claimed[index] = attrs.evolve(item, key=target.key)
            continue
        claimed[index] = None
        if errors is not None:
            errors[index] = ErasedPerson(f"a {item.claim.kind.value} profile erased on request")


def _is_login_only(item: _Claimed | None) -> bool:
    return item is not None and item.is_github_login_only


def _place(plan: ResolutionPlan, item: _Claimed, *, create: bool) -> Slot | None:
    slot: Slot = (item.claim.kind, item.key)
    if item.is_github_login_only and item.login in plan.github_logins:
        slot = plan.github_logins[item.login]
    elif (
        item.claim.kind is _GITHUB
        and slot not in plan.stored
        and slot not in plan.new
        and item.login in plan.github_logins
    ):
        slot = _upgrade_login_only(plan, item, slot)

    if slot in plan.stored:
        _update_stored(plan, slot, item.attributes, create=create)
    elif slot in plan.new:
        plan.new[slot] = merged(plan.new[slot], item.attributes)
    elif create:
        plan.new[slot] = draft_of(item.claim, item.key)
    else:
        return None

    if item.login and isinstance(item.claim, GitHubAccountClaim):
        current = plan.github_logins.get(item.login)
        if current is None or current[1].startswith("login:"):
            plan.github_logins[item.login] = slot
    return slot


def _upgrade_login_only(plan: ResolutionPlan, item: _Claimed, slot: Slot) -> Slot:
    """Give the id to the account known so far only by this login, if there is one."""
    known = plan.github_logins[item.login]
    if not known[1].startswith("login:"):
        return slot  # The login belongs to another account with an id: a reused login.
    if known in plan.stored:
        record = plan.stored.pop(known)
        plan.originals.setdefault(record.id, record)
        plan.stored[slot] = attrs.evolve(record, key=item.key)
        plan.changed[record.id] = plan.stored[slot]
    else:
        draft = plan.new.pop(known)
        plan.new[slot] = attrs.evolve(draft, key=item.key)
    for index, taken in enumerate(plan.slots):
        if taken == known:
            plan.slots[index] = slot
    return slot


def _update_stored(
    plan: ResolutionPlan, slot: Slot, attributes: Attributes, *, create: bool
) -> None:
    if not create:
        return
    record = plan.stored[slot]
    updated = merged(record, attributes)
    if updated is not record:
        plan.originals.setdefault(record.id, record)
        plan.stored[slot] = updated
        plan.changed[record.id] = updated
