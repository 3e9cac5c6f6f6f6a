"""Reading what ``trackerhub collect --json`` printed, for the tests of collecting again."""

from typing import Any


def nothing_but_skipped(report: dict[str, Any]) -> bool:
    """No record added, updated or found unchanged: only items that could not be read."""
    return all(
        counts["added"] == counts["updated"] == counts["unchanged"] == 0
        for counts in report["records"].values()
    )


def errors_read_again(first: dict[str, Any], again: dict[str, Any]) -> list[dict[str, str]]:
    """The errors of ``first`` that a collect of the same paths says again: those of the files
    it did not skip as already read (a file nothing could be read from is read again)."""
    skipped = set(again["already_read"])
    return [error for error in first["errors"] if error["file"] not in skipped]
