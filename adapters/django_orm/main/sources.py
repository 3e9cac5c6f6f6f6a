"""The sources ``trackerhub collect`` knows: each wires a reader of one format to its
tracker's ingest use case and Django repositories. Adding a source is adding an entry here."""

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs
from django.db import DatabaseError

from adapters.django_orm.github.repository import DjangoGitHubUnitOfWork
from adapters.django_orm.mailing_lists.repository import DjangoMailingListUnitOfWork
from adapters.django_orm.main.bootstrap import identity_hub
from core.protocols.ingest import IngestSummary, SourceProblem
from trackers.github.ingest import ingest_github
from trackers.github.sources.git_history import read_git_history
from trackers.github.sources.rest_json import read_rest_json
from trackers.mailing_lists.ingest import ingest_messages
from trackers.mailing_lists.sources.hyperkitty import read_hyperkitty
from trackers.mailing_lists.sources.mbox import read_mbox

type Advance = Callable[[int], None]


@attrs.frozen
class Source:
    name: str
    help: str
    collect: Callable[[Sequence[Path], str, Advance], IngestSummary]


def files_under(paths: Sequence[Path], suffixes: tuple[str, ...]) -> Iterator[Path | SourceProblem]:
    """Each path that is a file, and the files with one of ``suffixes`` under each folder,
    sorted; a path that does not exist is a problem."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.endswith(suffixes)
            )
        elif path.exists():
            yield path
        else:
            yield SourceProblem(str(path), "", "no such file or folder")


def read_whole(summary: IngestSummary, path: Path) -> None:
    """Count ``path`` as read unless a problem concerns the whole file."""
    if not any(p.path == str(path) and not p.position for p in summary.problems):
        summary.files_read += 1


def per_path(
    ingest: Callable[[Path, str, Advance], IngestSummary], suffixes: tuple[str, ...] | None
) -> Callable[[Sequence[Path], str, Advance], IngestSummary]:
    """A source that ingests each path on its own: as given (``suffixes`` None, e.g. a git
    repository), or each file with one of ``suffixes`` under it."""

    def collect(paths: Sequence[Path], using: str, advance: Advance) -> IngestSummary:
        summary = IngestSummary()
        for path in list(paths) if suffixes is None else files_under(paths, suffixes):
            if isinstance(path, SourceProblem):
                summary.problem(path)
                continue
            try:
                result = ingest(path, using, advance)
            except DatabaseError as error:
                # The failed batch rolled back; the file's earlier batches stay stored.
                reason = f"database error, the batch being written was rolled back: {error}"
                summary.problem(SourceProblem(str(path), "", reason))
                continue
            read_whole(result, path)
            summary.merge(result)
        return summary

    return collect


def _git(path: Path, using: str, advance: Advance) -> IngestSummary:
    uow = DjangoGitHubUnitOfWork(using)
    return ingest_github(
        read_git_history(path), uow, identity_hub(using), origin=str(path), advance=advance
    )


def _github_json(path: Path, using: str, advance: Advance) -> IngestSummary:
    uow = DjangoGitHubUnitOfWork(using)
    return ingest_github(
        read_rest_json([path]), uow, identity_hub(using), origin=str(path), advance=advance
    )


def _mbox(path: Path, using: str, advance: Advance) -> IngestSummary:
    uow = DjangoMailingListUnitOfWork(using)
    return ingest_messages(
        read_mbox(path), uow, identity_hub(using), origin=str(path), advance=advance
    )


def _hyperkitty(path: Path, using: str, advance: Advance) -> IngestSummary:
    uow = DjangoMailingListUnitOfWork(using)
    return ingest_messages(
        read_hyperkitty(path), uow, identity_hub(using), origin=str(path), advance=advance
    )


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source("git", "the history of local git repositories, bare or not", per_path(_git, None)),
        Source(
            "github-json",
            "saved GitHub REST API responses; files or folders of .json files",
            per_path(_github_json, (".json",)),
        ),
        Source(
            "mbox",
            "mbox archives, Mailman 2 (pipermail) exports included; files or folders",
            per_path(_mbox, (".mbox", ".mbx", ".txt", ".mbox.gz", ".txt.gz")),
        ),
        Source(
            "hyperkitty-json",
            "saved HyperKitty (Mailman 3) REST pages; files or folders of .json files",
            per_path(_hyperkitty, (".json",)),
        ),
    )
}
