"""The ingest engine every tracker uses: read -> resolve people in bulk -> upsert -> count.

Items come in batches of ``batch_size``; each batch is one unit of work, so its hub writes and
its records commit together or not at all, and an interruption leaves earlier batches whole.
Per batch, whatever its size, the engine makes one call to the hub for every person it names,
and one ``get_many``, at most one ``add_many`` and one ``update_many`` per record type.

An item a reader could not read (a ``SourceProblem`` at a position) is counted as a skipped
``tracker.unreadable``; a problem with the whole source is reported and counts nothing. A
record naming a person the hub refuses is skipped and reported; the rest of its batch is
stored. Sightings of one record within a batch fold into one, by its merge rule, and the extra
ones count as unchanged.

Counts go into the summary only once their batch has committed, so what a summary says was
added is in the store, even when a later batch fails; the caller owns the summary and keeps it
whatever is raised. A checkpoint, when given, commits with the last batch, and only if no
problem concerned the whole source and something besides problems was read: a collect
interrupted before then has recorded nothing.
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from itertools import batched
from typing import Any, cast

import attrs

from core.ingest.merging import merged
from core.ingest.people import Refused, Resolved, resolve, stored_form
from core.ingest.summary import IngestSummary
from core.protocols.claims import ProfileClaim
from core.protocols.errors import IdentityError
from core.protocols.identity import ProfileResolver
from core.protocols.ingest import Outcome, SeenAll, SourceProblem
from core.protocols.refs import ProfileRef
from core.protocols.storage import Checkpoint, RecordStore, RecordsUnitOfWork
from core.protocols.trackers import ProfilesOnly, RecordType, Tracker

BATCH_SIZE = 2000
# How many times a batch that lost a serialisation failure or a deadlock is tried in all.
ATTEMPTS = 5


def nothing(n: int) -> None:
    """No progress to show."""
    del n


def never(error: BaseException) -> bool:
    """No error is worth trying a batch again for."""
    del error
    return False


def ingest(
    tracker: Tracker,
    items: Iterable[object],
    uow: RecordsUnitOfWork,
    people: ProfileResolver,
    *,
    origin: str,
    batch_size: int | None = None,
    advance: Callable[[int], None] = nothing,
    checkpoint: Checkpoint | None = None,
    summary: IngestSummary | None = None,
    retryable: Callable[[BaseException], bool] = never,
) -> IngestSummary:
    """Store ``items`` (records of the tracker's classes with claims for people, and
    SourceProblems) in ``uow``, resolving people through ``people``; ``origin`` names the
    source in problems the engine reports. Returns ``summary``, filled in."""
    summary = summary if summary is not None else IngestSummary()
    kinds = _Kinds(tracker)
    # The people resolved by committed batches: a history names the same few hundred people
    # in every batch, and asking the hub again would only find them again.
    known: dict[ProfileClaim[ProfileRef], ProfileRef | None] = {}
    # The keys yielded so far in each scope of a record type that can disappear, until the
    # reader says it has seen all of the scope.
    present: _Present = {}
    complete = True
    # Whether anything but problems came: a source nothing could be read from, even at a
    # position (a file that is not UTF-8 at byte 0), is not checkpointed, so that the next
    # collect reports it again instead of calling it read.
    any_read = any_problem = False
    batches = batched(items, batch_size or BATCH_SIZE)
    current: Sequence[object] = next(batches, ())
    while True:
        following = next(batches, None)
        seen: list[object] = []
        for item in current:
            if isinstance(item, SourceProblem):
                skipped = item.position and item.skipped
                summary.problem(item, tracker.unreadable if skipped else None)
                complete = complete and bool(item.position)
                any_problem = True
            else:
                seen.append(item)
                any_read = True
        last = following is None
        whole = complete and (any_read or not any_problem)
        done = _Batch(kinds, seen, origin, checkpoint if last and whole else None)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                done.store(uow, people, known, summary, present)
                break
            except Exception as error:
                if attempt == ATTEMPTS or not retryable(error):
                    raise
        advance(len(current))
        if following is None:
            return summary
        current = following


type _Present = dict[tuple[str, tuple[object, ...]], set[Any]]


class _Kinds:
    """What the engine does with each class of item a tracker's readers yield."""

    def __init__(self, tracker: Tracker) -> None:
        self.record_types: dict[type, RecordType[Any, Any]] = {
            record_type.record: record_type for record_type in tracker.record_types
        }
        self.profiles_only: dict[type, ProfilesOnly] = {
            kind.item: kind for kind in tracker.profiles_only
        }

    def describe(self, item: object) -> tuple[str, str | None]:
        """Where a problem with ``item`` is, and the record type it counts under."""
        record_type = self.record_types.get(type(item))
        if record_type is not None:
            return record_type.describe.format(r=item), record_type.name
        return self.profiles_only[type(item)].describe.format(r=item), None

    def check(self, item: object) -> None:
        if isinstance(item, SeenAll):
            record_type = self.record_types.get(item.record)
            if record_type is None or record_type.disappears is None:
                raise TypeError(f"no record type of this tracker disappears: {item.record}")
        elif type(item) not in self.record_types and type(item) not in self.profiles_only:
            raise TypeError(f"no record type of this tracker takes a {type(item).__name__}")


class _Batch:
    def __init__(
        self, kinds: _Kinds, seen: list[object], origin: str, checkpoint: Checkpoint | None
    ) -> None:
        for item in seen:
            kinds.check(item)
        self.kinds = kinds
        self.seen = seen
        self.origin = origin
        self.checkpoint = checkpoint

    def store(
        self,
        uow: RecordsUnitOfWork,
        people: ProfileResolver,
        known: dict[ProfileClaim[ProfileRef], ProfileRef | None],
        counted: IngestSummary,
        present: _Present,
    ) -> None:
        """Store the batch in one unit of work; once it commits, what it did goes into
        ``counted`` and whom it named into ``known``, as part of the commit."""
        summary = IngestSummary()
        if not self.seen and self.checkpoint is None:
            return
        records = [item for item in self.seen if not isinstance(item, SeenAll)]
        with uow:
            resolved = resolve(records, people, known)
            pairs: dict[RecordType[Any, Any], list[tuple[Any, frozenset[str]]]] = {}
            for item in records:
                record_type = self.kinds.record_types.get(type(item))
                try:
                    redact = None if record_type is None else record_type.erased
                    record, unknown, notes = stored_form(item, resolved, redact)
                except Refused as refusal:
                    where, record_type_name = self.kinds.describe(item)
                    problem = SourceProblem(self.origin, where, str(refusal))
                    summary.problem(problem, record_type_name)
                    continue
                for note in notes:
                    where, _ = self.kinds.describe(item)
                    summary.problem(SourceProblem(self.origin, where, note, skipped=False))
                if record_type is not None:
                    pairs.setdefault(record_type, []).append((record, unknown))
                    if record_type.disappears is not None:
                        scope = tuple(getattr(record, f) for f in record_type.disappears.scope)
                        present.setdefault((record_type.name, scope), set()).add(
                            record_type.key_of(record)
                        )
            for record_type, batch in pairs.items():
                _upsert(record_type, uow.records(record_type), batch, summary)
            for item in self.seen:
                if isinstance(item, SeenAll):
                    record_type = self.kinds.record_types[item.record]
                    _sweep(record_type, uow.records(record_type), item, present, summary)
            if self.checkpoint is not None:
                uow.checkpoints.save(self.checkpoint)
            uow.on_commit(partial(counted.merge, summary))
            uow.on_commit(partial(_remember, known, resolved))
            uow.commit()


def _sweep[K: Hashable, R](
    record_type: RecordType[R, K],
    store: RecordStore[K, R],
    seen_all: SeenAll,
    present: _Present,
    summary: IngestSummary,
) -> None:
    """Mark what the scope held and the reader no longer saw as gone at ``seen_all.at``."""
    rule = record_type.disappears
    assert rule is not None  # checked when the batch was made
    yielded = present.get((record_type.name, seen_all.scope), set())
    stored = store.keys_where(dict(zip(rule.scope, seen_all.scope, strict=True)))
    missing = store.get_many([key for key in stored if key not in yielded])
    gone: list[R] = [
        attrs.evolve(cast(Any, record), **{rule.at: seen_all.at})
        for record in missing.values()
        if getattr(record, rule.at) is None
    ]
    store.update_many(gone)
    summary.count(record_type.name, Outcome.UPDATED, len(gone))


def _remember(known: dict[ProfileClaim[ProfileRef], ProfileRef | None], resolved: Resolved) -> None:
    known.update(
        (claim, ref) for claim, ref in resolved.items() if not isinstance(ref, IdentityError)
    )


def _upsert[K: Hashable, R](
    record_type: RecordType[R, K],
    store: RecordStore[K, R],
    pairs: Sequence[tuple[R, frozenset[str]]],
    summary: IngestSummary,
) -> None:
    name, rule = record_type.name, record_type.merge
    incoming: dict[K, R] = {}
    unknown: dict[K, frozenset[str]] = {}
    for record, missing in pairs:
        key = record_type.key_of(record)
        if key in incoming:
            # The same record twice in one batch: folded into one, counted once as unchanged.
            # What the earlier sighting did not say, this one may: it is taken as said first,
            # or a later sighting's default (an empty tuple) would pass for a value.
            summary.count(name, Outcome.UNCHANGED)
            said = unknown[key] - missing
            earlier: Any = incoming[key]
            if said:
                earlier = attrs.evolve(earlier, **{field: getattr(record, field) for field in said})
            incoming[key] = merged(rule, earlier, record, missing)
            unknown[key] &= missing
        else:
            incoming[key] = record
            unknown[key] = missing
    stored = store.get_many(incoming.keys())
    added: list[R] = []
    updated: list[R] = []
    for key, record in incoming.items():
        if key not in stored:
            added.append(record)
            continue
        result = merged(rule, stored[key], record, unknown[key])
        if record_type.disappears is not None:  # seen, so present again
            result = attrs.evolve(cast(Any, result), **{record_type.disappears.at: None})
        if result == stored[key]:
            summary.count(name, Outcome.UNCHANGED)
        else:
            updated.append(result)
    inserted = store.add_many(added)
    store.update_many(updated)
    summary.count(name, Outcome.ADDED, inserted)
    # Stored meanwhile by a concurrent collect: the same record, found there.
    summary.count(name, Outcome.UNCHANGED, len(added) - inserted)
    summary.count(name, Outcome.UPDATED, len(updated))
