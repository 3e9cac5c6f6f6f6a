"""Merge and unmerge as plans over plain records: what changes, and nothing else.

A merge folds identities into one: their profiles move to it, it takes the fields it lacked,
and they are retired (kept, marked merged into it). The plan records exactly what it changed,
so that unmerging is its exact undo even after later operations: a profile the merge moved
goes back to the identity it came from when it is still where the merge put it, and is left
(and reported) when a later operation has moved it since; a field the merge filled gets its
old value back unless it has been changed since. What the merge did not change is never
touched: profiles linked to the identity later, the fields it already had, its lock.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import attrs

from core.protocols.audit import (
    Actor,
    ActorKind,
    AuditEvidence,
    FieldChange,
    MergeDraft,
    MergeRef,
    ProfileMove,
    UnmergeReport,
)
from core.protocols.errors import IdentityLocked, IdentityRetired, InvalidMerge
from core.protocols.records import MERGED_IDENTITY_FIELDS, IdentityRecord, ProfileRecord
from core.protocols.refs import IdentityRef


@attrs.frozen
class MergePlan:
    draft: MergeDraft
    identities: tuple[IdentityRecord, ...]  # the identities to write: into, then the others


@attrs.frozen
class UnmergePlan:
    report: UnmergeReport
    assignments: Mapping[int, int | None]  # profile id -> identity id it goes back to
    identities: tuple[IdentityRecord, ...]  # the identities to write


def check_unlocked(actor: Actor, identities: Iterable[IdentityRecord]) -> None:
    """Refuse an automatic job's change to a locked identity; a user may make it."""
    if actor.kind is not ActorKind.JOB:
        return
    locked = sorted(record.id for record in identities if record.is_locked)
    if locked:
        names = ", ".join(str(i) for i in locked)
        raise IdentityLocked(
            f"identity {names} is locked: {actor} may not change it (a user may, or unlock it)"
        )


def check_active(identities: Iterable[IdentityRecord]) -> None:
    for record in identities:
        if record.merged_into_id is not None:
            raise IdentityRetired(
                f"identity {record.id} was merged into identity {record.merged_into_id};"
                " change that one, or unmerge first"
            )


def plan_merge(
    into: IdentityRecord,
    others: Sequence[IdentityRecord],
    profiles: Iterable[ProfileRecord],
    *,
    actor: Actor,
    reason: str,
    evidence: AuditEvidence,
    at: datetime,
) -> MergePlan:
    """Fold ``others`` (in the caller's order: the first one's fields win) into ``into``;
    ``profiles`` are the others' profiles."""
    ids = [record.id for record in others]
    if not ids:
        raise InvalidMerge("a merge needs at least one identity to fold into the target")
    if into.id in ids:
        raise InvalidMerge(f"identity {into.id} cannot be merged into itself")
    if len(set(ids)) != len(ids):
        raise InvalidMerge("an identity is named twice among those to merge")
    check_active([into, *others])
    check_unlocked(actor, [into, *others])
    folded = set(ids)
    moves: list[ProfileMove] = []
    for record in sorted(profiles, key=lambda r: r.id):
        if record.identity_id is not None and record.identity_id in folded:
            moves.append(ProfileMove(record.ref, IdentityRef(record.identity_id)))
    changes: list[FieldChange] = []
    for field in MERGED_IDENTITY_FIELDS:
        before: str = getattr(into, field)
        if before:
            continue
        after = next((value for o in others if (value := getattr(o, field))), "")
        if after:
            changes.append(FieldChange(field, before, after))
    merged = _with_fields(into, {change.field: change.after for change in changes})
    retired = tuple(attrs.evolve(o, merged_into_id=into.id) for o in others)
    draft = MergeDraft(
        into=into.ref,
        others=tuple(o.ref for o in others),
        moves=tuple(moves),
        changes=tuple(changes),
        actor=actor,
        reason=reason,
        at=at,
        evidence=evidence,
    )
    return MergePlan(draft, (merged, *retired) if changes else retired)


def plan_unmerge(
    ref: MergeRef,
    merge: MergeDraft,
    identities: Mapping[int, IdentityRecord],
    profiles: Mapping[int, ProfileRecord],
    *,
    actor: Actor,
) -> UnmergePlan:
    """Undo ``merge`` on the current ``identities`` (into and the others) and ``profiles``
    (those it moved, as they are now)."""
    into = identities[merge.into.identity_id]
    others = [identities[o.identity_id] for o in merge.others]
    check_unlocked(actor, [into, *others])
    restored: list[ProfileMove] = []
    left: list[ProfileMove] = []
    for move in merge.moves:
        current = profiles.get(move.profile.profile_id)
        if current is not None and current.identity_id == into.id:
            restored.append(move)
        else:
            left.append(move)
    reverted: dict[str, str] = {}
    kept: list[str] = []
    for change in merge.changes:
        if getattr(into, change.field) == change.after:
            reverted[change.field] = change.before
        else:
            kept.append(change.field)
    revived = [o for o in others if o.merged_into_id == into.id]
    written = [attrs.evolve(o, merged_into_id=None) for o in revived]
    if reverted:
        written.insert(0, _with_fields(into, reverted))
    report = UnmergeReport(
        merge=ref,
        revived=tuple(o.ref for o in revived),
        restored=tuple(restored),
        left=tuple(left),
        kept_fields=tuple(kept),
    )
    assignments = {m.profile.profile_id: m.previous.identity_id for m in restored}
    return UnmergePlan(report, assignments, tuple(written))


def _with_fields(record: IdentityRecord, values: Mapping[str, str]) -> IdentityRecord:
    """``record`` with the ``MERGED_IDENTITY_FIELDS`` named in ``values`` replaced."""
    return attrs.evolve(
        record,
        display_name=values.get("display_name", record.display_name),
        description=values.get("description", record.description),
    )
