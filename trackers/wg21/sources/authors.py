"""A document's authors, in order, from the one free-text string a source gives.

Both sources write ``Michał Dominiak, Lewis Baker and Eric Niebler``: names joined by commas,
semicolons, line breaks, "and" or "&". What people typed is cut into names and nothing more:
``B. Stroustrup`` and ``Bjarne Stroustrup``, a middle name, a nickname, a misspelling, a name
with a U+FFFD where an accent was lost beside its ASCII spelling, each stays as written, a
profile of its own for identity matching to link. The parser only undoes what is plainly
not a name:

- a leftover conjunction (``, and Alisdair Meredith``) is dropped from the name;
- two names run together without a separator (``J. JarviB. Stroustrup``) are cut apart where
  a lower-case letter runs into an initial;
- "et al." names nobody and is dropped;
- a suffix after a comma (``John Smith, Jr.``) stays with its name;
- an address given with the name (``Jane Doe <jane@example.com>``) or instead of it
  (``jfbastien@apple.com``) becomes the profile's email; a bare address is its name too.
"""

import re

from core.protocols.claims import WG21AuthorClaim

_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s&\s|\s+and\s+)\s*", re.IGNORECASE)
_ET_AL = re.compile(r"\bet\.?\s*al(?:ii|ia)?\b\.?", re.IGNORECASE)
_LEADING_CONJUNCTION = re.compile(r"^(?:and|&)(?:\s+|$)", re.IGNORECASE)
# "J. JarviB. Stroustrup": a lower-case letter followed, with no space, by an initial.
_RUN_TOGETHER = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z]\.\s*[A-Z])")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."})
_ADDRESS = re.compile(r"[^\s@<>()\[\],;]+@[^\s@<>()\[\],;]+\.[^\s@<>()\[\],;]+")
_AROUND_ADDRESS = re.compile(r"\s*[<(\[]\s*(?:mailto:)?\s*$|^\s*[>)\]]\s*")
# What is left at either end of a piece and is no part of a name.
_STRAY = " -\u2013\u2014:;"  # dashes: hyphen, en and em
_QUOTES = ('""', "''", "``", "\u201c\u201d", "\u2018\u2019")  # plain and curly quotes


def split_authors(text: str) -> tuple[WG21AuthorClaim, ...]:
    """The authors ``text`` names, in its order."""
    names: list[str] = []
    for piece in _SEPARATORS.split(_ET_AL.sub(" ", text)):
        piece = _LEADING_CONJUNCTION.sub("", " ".join(piece.split()))
        if not _trimmed(piece):
            continue
        if piece.casefold() in _SUFFIXES and names:
            names[-1] = f"{names[-1]}, {piece}"
            continue
        names.extend(part.strip() for part in _RUN_TOGETHER.split(piece))
    return tuple(_claim(name) for name in names)


def _claim(name: str) -> WG21AuthorClaim:
    found = _ADDRESS.search(name)
    if found is None:
        return WG21AuthorClaim(_trimmed(name))
    email = found.group(0).strip(".")
    before = _AROUND_ADDRESS.sub("", name[: found.start()])
    after = _AROUND_ADDRESS.sub("", name[found.end() :])
    display_name = _trimmed(f"{before} {after}") or email
    return WG21AuthorClaim(display_name, email)


def _trimmed(name: str) -> str:
    name = " ".join(name.split()).strip(_STRAY)
    if len(name) > 1 and name[0] + name[-1] in _QUOTES:
        name = name[1:-1].strip(_STRAY)
    # A final dot ends an initial or a suffix ("J.", "Jr."), or is a stray full stop.
    while name.endswith(".") and not _ends_with_abbreviation(name):
        name = name[:-1].rstrip(_STRAY)
    return name


def _ends_with_abbreviation(name: str) -> bool:
    last = name.rsplit(" ", 1)[-1]
    return len(last) == 2 or last.casefold() in _SUFFIXES
