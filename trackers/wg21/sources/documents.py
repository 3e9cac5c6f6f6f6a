"""What a source says of one document, turned into the records it stands for: its paper and
itself. Both readers go through here, so that one document read from the index and from a
mailing page gives equal values wherever the two say the same (the same cleaning, the same
author split, the same subgroup codes), which the merge then only fills in."""

import re
from collections.abc import Iterator

import attrs

from core.protocols.ingest import SourceProblem
from core.sources.dates import DateError
from core.sources.fields import shown
from core.sources.text import clean_text
from trackers.wg21.records import DocumentSeen, Paper
from trackers.wg21.sources.authors import split_authors
from trackers.wg21.sources.dates import document_date
from trackers.wg21.sources.document_ids import DocumentId
from trackers.wg21.sources.subgroups import subgroup_codes

# An open-std.org paper's folder: .../docs/papers/2024/p2300r10.html
_FOLDER_YEAR = re.compile(r"/docs/papers/(\d{4})/", re.IGNORECASE)


def one_line(value: str) -> str:
    """``value`` cleaned for storage, its runs of white space (line breaks too) one space."""
    return " ".join(clean_text(value).split())


@attrs.frozen
class Described:
    """A document as a source describes it, in text; "" and () where it says nothing."""

    id: DocumentId
    title: str = ""
    author_text: str = ""
    date_text: str = ""
    subgroup: str = ""
    url: str = ""
    files: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    mailing: str = ""
    previous_version: str = ""
    disposition: str = ""
    kind: str = ""
    github_url: str = ""


def paper_of(described: Described) -> Paper:
    """The paper ``described`` is a document of."""
    return Paper(
        paper_id=described.id.paper,
        series=described.id.series,
        number=described.id.number,
        kind=one_line(described.kind).lower(),
        github_url=one_line(described.github_url),
    )


def records_of(
    described: Described, where: str, position: str
) -> Iterator[Paper | DocumentSeen | SourceProblem]:
    """The paper and the document ``described`` stands for, and a problem (the document kept)
    for a date that is none."""
    document_id = described.id
    try:
        when = document_date(clean_text(described.date_text))
    except DateError as error:
        when = None
        date_text = shown(one_line(described.date_text))
        yield SourceProblem(
            where, position, f"date {date_text} {error}: kept without a date", skipped=False
        )
    url = one_line(described.url)
    folder = _FOLDER_YEAR.search(url)
    subgroup = one_line(described.subgroup)
    yield paper_of(described)
    yield DocumentSeen(
        document_id=document_id.document_id,
        paper=document_id.paper,
        revision=document_id.revision,
        title=one_line(described.title),
        authors=split_authors(clean_text(described.author_text)),
        author_text=one_line(described.author_text),
        document_date=when,
        year=int(folder.group(1)) if folder else None,
        mailing=described.mailing,
        subgroup=subgroup,
        subgroups=subgroup_codes(subgroup),
        previous_version=described.previous_version,
        disposition=one_line(described.disposition),
        url=url,
        files=_cleaned(described.files),
        issues=_cleaned(described.issues),
    )


def _cleaned(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in map(one_line, values) if value))
