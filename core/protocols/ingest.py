"""Values every tracker's ingest shares: where a problem is, and what became of a record."""

from enum import StrEnum

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
