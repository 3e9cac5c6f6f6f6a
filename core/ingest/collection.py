"""Collecting: a source run over paths, each path read unless it was read before unchanged.

For every path (every file under a folder, for a source that reads files) the source's
fingerprint is compared with the checkpoint its last complete collect left; an unchanged path
is not read again and is reported as already read, unless ``full``. A changed one is read,
with the earlier fingerprint handed to the reader (a git history reads only its new commits),
and its new checkpoint commits with the batch that completes it.

A failure of the store (``store_errors``, the adapter's database errors) ends the path being
read: its failed batch rolled back, its earlier batches stay stored and counted, and the next
path is read. Anything else propagates, with the summary of what was committed so far in
``summary``, which the caller owns.
"""

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from core.ingest.engine import ingest, never, nothing
from core.ingest.summary import IngestSummary
from core.protocols.identity import ProfileResolver
from core.protocols.ingest import SourceProblem
from core.protocols.storage import Checkpoint, RecordsUnitOfWork
from core.protocols.trackers import Source, Tracker
from core.sources.files import file_fingerprint, files_under, path_text


def collect(
    tracker: Tracker,
    source: Source,
    paths: Sequence[Path],
    uow: RecordsUnitOfWork,
    people: ProfileResolver,
    *,
    full: bool = False,
    summary: IngestSummary | None = None,
    store_errors: tuple[type[Exception], ...] = (),
    retryable: Callable[[BaseException], bool] = never,
    advance: Callable[[int], None] = nothing,
) -> IngestSummary:
    summary = summary if summary is not None else IngestSummary()
    for target in _targets(source, paths):
        if isinstance(target, SourceProblem):
            summary.problem(target)
            continue
        where = path_text(target)
        fingerprint = _fingerprint(source, target)
        checkpoint = None
        previous = None
        if fingerprint is not None:
            origin = path_text(os.path.realpath(target))
            checkpoint = Checkpoint(source.name, origin, fingerprint)
            with uow:
                previous = uow.checkpoints.get(source.name, origin)
            if previous is not None and previous.fingerprint == fingerprint and not full:
                summary.already_read.append(where)
                continue
        since = None if full or previous is None else previous.fingerprint
        read = IngestSummary()
        try:
            try:
                ingest(
                    tracker,
                    source.read(target, since),
                    uow,
                    people,
                    origin=where,
                    checkpoint=checkpoint,
                    summary=read,
                    retryable=retryable,
                    advance=advance,
                )
            except store_errors as error:
                first, _, detail = str(error).strip().partition("\n")
                reason = f"database error, the batch being written was rolled back: {first}"
                read.problem(SourceProblem(where, "", reason, detail=detail.strip()))
            if not any(p.path == where and not p.position for p in read.problems):
                read.files_read += 1
        finally:
            # Interrupted or not, what was committed is counted.
            summary.merge(read)
    return summary


def _targets(source: Source, paths: Sequence[Path]) -> Iterator[Path | SourceProblem]:
    """The paths to read: each path given, or for a source of files every file of its suffixes
    under each folder. A folder with none is a problem: else a collect of the wrong folder,
    or of one not filled yet, reads nothing and cannot say why."""
    if source.suffixes is None:
        yield from paths
        return
    *most, last = source.suffixes
    names = f"{', '.join(most)} or {last}" if most else last
    for path in paths:
        found = False
        for target in files_under([path], source.suffixes):
            found = True
            yield target
        if not found:
            yield SourceProblem(path_text(path), "", f"no {names} file in the folder")


def _fingerprint(source: Source, path: Path) -> str | None:
    """The path's fingerprint, or None when it cannot be taken: the reader then reports why
    the path cannot be read, and nothing is checkpointed."""
    try:
        return (source.fingerprint or file_fingerprint)(path)
    except OSError:
        return None
