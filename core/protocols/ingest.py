"""Value objects every tracker's ingest shares: where a problem is, and what a run did."""

from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum
from itertools import batched
from typing import cast

import attrs


@attrs.frozen
class SourceProblem:
    """A file or record that could not be read: which file, where in it, and why.

    ``position`` is what a person needs to find the spot: ``line 12``, ``byte 4096``,
    ``item 3``, ``message 7 (byte 4096)``, or ``""`` when the whole file is at fault.
    """

    path: str
    position: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.position}" if self.position else self.path
        return f"{where}: {self.reason}"


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@attrs.define
class IngestSummary:
    """Counts per record type and outcome, plus every problem met, for one collect run."""

    counts: dict[str, Counter[Outcome]] = attrs.field(factory=dict)
    problems: list[SourceProblem] = attrs.field(factory=list)
    files_read: int = 0

    def count(self, record_type: str, outcome: Outcome, n: int = 1) -> None:
        counter = self.counts.setdefault(record_type, Counter())
        if n:
            counter[outcome] += n

    def problem(self, problem: SourceProblem, record_type: str | None = None) -> None:
        self.problems.append(problem)
        if record_type is not None:
            self.count(record_type, Outcome.SKIPPED)

    def merge(self, other: "IngestSummary") -> None:
        for record_type, counter in other.counts.items():
            self.counts.setdefault(record_type, Counter()).update(counter)
        self.problems.extend(other.problems)
        self.files_read += other.files_read

    def as_dict(self) -> dict[str, object]:
        return {
            "records": {
                record_type: {outcome.value: counter[outcome] for outcome in Outcome}
                for record_type, counter in sorted(self.counts.items())
            },
            "errors": [
                {"file": p.path, "position": p.position, "reason": p.reason} for p in self.problems
            ],
            "files_read": self.files_read,
        }


def ingest_in_batches[T](
    store_batch: Callable[[list[T], IngestSummary], None],
    items: Iterable[T | SourceProblem] | Iterable[object],
    *,
    unreadable: str,
    batch_size: int,
    advance: Callable[[int], None],
) -> IngestSummary:
    """The loop every tracker's ingest shares: read ``items`` in batches, report the readers'
    problems (a problem at a position is a skipped ``unreadable`` record, a whole-file one is
    not), and hand each batch's items to ``store_batch``, one unit of work per batch."""
    summary = IngestSummary()
    for batch in batched(items, batch_size):
        seen: list[T] = []
        for item in batch:
            if isinstance(item, SourceProblem):
                summary.problem(item, unreadable if item.position else None)
            else:
                # mypy cannot split a union alias out of T | SourceProblem; the trackers'
                # own signatures type their items.
                seen.append(cast(T, item))
        if seen:
            store_batch(seen, summary)
        advance(len(batch))
    return summary
