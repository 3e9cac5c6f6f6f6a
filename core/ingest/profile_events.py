"""The tracker kit's consumer of the hub's profile events: how every tracker keeps its soft
references right when a profile is folded into another or erased.

The hub writes each event to its outbox in the transaction of the change. ``apply_events``
reads a tracker's events in outbox order, from the position it last applied, a batch at a
time; per batch and record type it finds the records naming any profile concerned (one
``keys_referencing``), rewrites them and writes them back (one ``update_many``), and saves the
new position as a checkpoint, all in one unit of work. Applying an event twice changes nothing
the first time did not, so a crash between the work and its commit, or two processes applying
the same batch, leaves the records as one clean run would.

A folded profile's references are re-pointed to the profile it went into; an erased one's are
dropped (a person field becomes None, a tuple of people loses them) and the record type's
``Redact`` policy empties what they wrote.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from core.ingest.people import redacted_values, shape_of
from core.protocols.events import OutboxEntry, ProfileErased, ProfilesMerged
from core.protocols.identity import ProfileEventFeed
from core.protocols.refs import ProfileRef
from core.protocols.storage import Checkpoint, RecordsUnitOfWork
from core.protocols.trackers import RecordType, Redact, Tracker

# The checkpoint source under which each tracker's position in the outbox is kept.
CURSOR = "profile-events"
BATCH = 500

# What each profile id concerned by a batch of events now is: another profile, or erased.
type Fate = Mapping[int, ProfileRef | None]


class EventsUnitOfWork(RecordsUnitOfWork, Protocol):
    """A unit of work over a tracker's records and the hub's outbox."""

    @property
    def identities(self) -> ProfileEventFeed: ...


@attrs.frozen
class Applied:
    """What one tracker's ``apply_events`` did: the events applied, and the records each
    record type rewrote."""

    tracker: str
    events: int
    records: Mapping[str, int]


def position(uow: RecordsUnitOfWork, tracker: Tracker) -> int:
    """The outbox position up to which ``tracker`` has applied the events."""
    checkpoint = uow.checkpoints.get(CURSOR, tracker.name)
    return 0 if checkpoint is None else int(checkpoint.fingerprint)


def pending(uow: EventsUnitOfWork, tracker: Tracker) -> int:
    """How many events ``tracker`` has yet to apply."""
    with uow:
        return max(0, uow.identities.outbox_end() - position(uow, tracker))


def prune(trackers: Sequence[Tracker], uow: EventsUnitOfWork) -> int:
    """Drop the outbox entries every one of ``trackers`` has applied; returns how many. The
    trackers are every consumer of the outbox: one left out would never see what is dropped.
    A tracker installed later starts after what is gone, which names no record of its own."""
    with uow:
        through = min((position(uow, tracker) for tracker in trackers), default=0)
        dropped = uow.identities.prune_outbox(through) if through else 0
        uow.commit()
    return dropped


def apply_events(tracker: Tracker, uow: EventsUnitOfWork, *, batch: int = BATCH) -> Applied:
    """Apply every event ``tracker`` has not applied yet; returns what it did."""
    events = 0
    records: dict[str, int] = {}
    while True:
        with uow:
            entries = uow.identities.outbox_after(position(uow, tracker), batch)
            if not entries:
                return Applied(tracker.name, events, records)
            fate = fates(entries)
            for record_type in tracker.record_types:
                rewritten = _rewrite(record_type, uow, fate)
                if rewritten:
                    records[record_type.name] = records.get(record_type.name, 0) + rewritten
            last = str(entries[-1].position)
            uow.checkpoints.save(Checkpoint(CURSOR, tracker.name, last))
            uow.commit()
        events += len(entries)


def fates(entries: list[OutboxEntry]) -> dict[int, ProfileRef | None]:
    """What each profile the entries concern is once all of them have happened, in order:
    folded into A then A into B is B; folded into A then A erased is erased."""
    fate: dict[int, ProfileRef | None] = {}
    for entry in entries:
        now: ProfileRef | None
        match entry.event:
            case ProfilesMerged(source, into):
                gone, now = source, into
            case ProfileErased(ref):
                gone, now = ref, None
        for profile_id, became in fate.items():
            if became == gone:
                fate[profile_id] = now
        fate[gone.profile_id] = now
    return fate


def _rewrite(record_type: RecordType[Any, Any], uow: RecordsUnitOfWork, fate: Fate) -> int:
    if not shape_of(record_type.record).people:
        return 0
    store = uow.records(record_type)
    stored = store.get_many(store.keys_referencing(fate.keys()))
    changed = [
        after
        for before in stored.values()
        if (after := rewritten(before, fate, record_type.erased)) != before
    ]
    store.update_many(changed)
    return len(changed)


def rewritten(record: Any, fate: Fate, redact: Redact | None) -> Any:
    """``record`` with each person the fate concerns replaced, or dropped if erased."""
    changes: dict[str, object] = {}
    erased_in: set[str] = set()
    for name, many in shape_of(type(record)).people:
        value: Any = getattr(record, name)
        if value is None:
            continue
        if many:
            kept: dict[ProfileRef, None] = {}
            for ref in value:
                now = fate.get(ref.profile_id, ref)
                if now is None:
                    erased_in.add(name)
                else:
                    kept[now] = None
            if tuple(kept) != value:
                changes[name] = tuple(kept)
        elif value.profile_id in fate:
            now = fate[value.profile_id]
            if now is None:
                erased_in.add(name)
            changes[name] = now
    if redact is not None and erased_in & set(redact.by):
        changes.update(redacted_values(type(record), redact))
    return attrs.evolve(record, **changes) if changes else record
