"""What the WG21 tracker stores: papers, their documents (one per revision) and mailings.

A paper is named by its base id: ``p2300`` for every revision ``p2300r0`` ... ``p2300r10``,
while an ``N``-numbered paper, a standing document (``sd-6``) or an issue of an issue list
(``cwg2345``) has no revisions and is its own one document. Ids are lower-case, as the
wg21.link index keys them; a mailing page's ``P2300R10`` is the same document.

A document is generic over how it holds its authors: a source yields it with claims
(``DocumentSeen``), the store keeps it with typed refs (``Document[WG21AuthorRef]``). Authors
keep the order the author string gives, each name as written there: ``B. Stroustrup`` and
``Bjarne Stroustrup`` are two profiles, for identity matching to link, never merged here.

None is "the source did not say"; so is "" for text, and an empty tuple: every record type
here fills gaps, and a document's subgroups, files or issues that one source does not list
are filled in from the other (a field that could be None would keep an empty tuple as a
value, "none", and the two sources would not converge).
"""

from datetime import date
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import WG21AuthorClaim
from core.protocols.trackers import people

# How a document holds its authors: claims as read, refs as stored.
P = TypeVar("P", covariant=True)


@attrs.frozen
class Paper:
    """A paper across its revisions, by its base id; its natural key is ``paper_id``."""

    paper_id: str  # "p2300", "n4950", "sd-6", "cwg2345"
    series: str = ""  # the id's letters: "p", "n", "sd", "cwg", ...
    number: int | None = None  # 2300
    kind: str = ""  # the index's type: "paper", "issue", "editorial", "standing-document"
    github_url: str = ""  # the paper's tracking issue (github.com/cplusplus/papers)


@attrs.frozen
class Document(Generic[P]):
    """One document: a revision of a paper, or a paper that has none. Its natural key is
    ``document_id``."""

    document_id: str  # "p2300r10", "n4950"
    paper: str  # the Paper's id: "p2300"
    revision: int | None = None  # 10; None for a paper without revisions
    title: str = ""
    authors: tuple[P, ...] = people()
    author_text: str = ""  # the author (or issue submitter) string as the source wrote it
    document_date: date | None = None  # None when the source gives no day
    year: int | None = None  # of the open-std.org folder the document is filed in
    mailing: str = ""  # the Mailing's id, "2025-02"
    subgroup: str = ""  # as written, typos and aliases included
    subgroups: tuple[str, ...] = ()  # what it names, canonical: ("SG1", "LEWG")
    previous_version: str = ""  # a document id: "p2300r9"
    disposition: str = ""
    url: str = ""  # the document's file: the index's long_link, a page's first link
    files: tuple[str, ...] = ()  # every file a mailing page links for it (its formats)
    issues: tuple[str, ...] = ()  # the index's issues


@attrs.frozen
class Mailing:
    """A mailing of the committee, by its month; its natural key is ``mailing_id``."""

    mailing_id: str  # "2025-02"
    title: str = ""  # "2025-02 pre-Hagenberg mailing"


# The records as sources yield them, authors still claims.
DocumentSeen = Document[WG21AuthorClaim]

type WG21Seen = Paper | Document[WG21AuthorClaim] | Mailing
