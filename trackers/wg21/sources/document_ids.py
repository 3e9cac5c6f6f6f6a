"""WG21 document ids: ``P2300R10``, ``n4950``, ``SD-6``, ``cwg2345``, in any case.

An id is letters, an optional hyphen (``sd-6``), a number and, for a revised paper, ``R`` and
the revision. Every revision of a paper shares its base id (``p2300``); a paper of another
series (``N``, ``SD``, an issue list) has no revision and is its own base. Numbers are bounded
so that every one fits a 64-bit column and an id fits its column.
"""

import re

import attrs

_ID = re.compile(
    r"(?P<series>[a-z]{1,8})(?P<hyphen>-?)(?P<number>\d{1,9})(?:r(?P<revision>\d{1,4}))?"
)
# Series whose documents are revisions of a paper: P (and D, a draft of a P).
_REVISED = frozenset({"p", "d"})
# A paper's file: its id and one or more extensions.
_FILE_NAME = re.compile(r"(?i)^([a-z]{1,8}-?\d{1,9}(?:r\d{1,4})?)(?:\.[a-z0-9]{1,5})+$")


@attrs.frozen
class DocumentId:
    document_id: str  # "p2300r10"
    paper: str  # "p2300"
    series: str  # "p"
    number: int  # 2300
    revision: int | None  # 10


def parse_document_id(text: str) -> DocumentId | None:
    """The id ``text`` names (blanks around it ignored), or None if it names none."""
    match = _ID.fullmatch(text.strip().lower())
    if match is None:
        return None
    series, number = match["series"], match["number"]
    revision = match["revision"]
    if revision is not None and series not in _REVISED:
        return None  # "n4950r1" is no document: only P papers have revisions
    paper = f"{series}{match['hyphen']}{number}"
    document_id = paper if revision is None else f"{paper}r{revision}"
    return DocumentId(
        document_id, paper, series, int(number), None if revision is None else int(revision)
    )


def id_in_file_name(name: str) -> DocumentId | None:
    """The id a paper's file is named by: ``p2300r10.html``, ``N4950.pdf``."""
    match = _FILE_NAME.match(name)
    return parse_document_id(match.group(1)) if match else None
