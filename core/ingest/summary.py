"""What a collect did: counts per record type and outcome, the problems met, what was read."""

from collections import Counter

import attrs

from core.protocols.ingest import Outcome, SourceProblem


@attrs.define
class IngestSummary:
    """Counts per record type and outcome, every problem met, how many files were read, and
    which were not read again because nothing changed since the last collect."""

    counts: dict[str, Counter[Outcome]] = attrs.field(factory=dict)
    problems: list[SourceProblem] = attrs.field(factory=list)
    files_read: int = 0
    already_read: list[str] = attrs.field(factory=list)

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
        self.already_read.extend(other.already_read)

    def records_read(self) -> int:
        """Records read from the sources: stored, changed or found unchanged, not skipped."""
        return sum(
            counter[outcome]
            for counter in self.counts.values()
            for outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.UNCHANGED)
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "records": {
                record_type: {outcome.value: counter[outcome] for outcome in Outcome}
                for record_type, counter in sorted(self.counts.items())
            },
            "errors": [
                {"file": p.path, "position": p.position, "reason": p.reason}
                | ({"detail": p.detail} if p.detail else {})
                for p in self.problems
            ],
            "files_read": self.files_read,
            "already_read": list(self.already_read),
        }
