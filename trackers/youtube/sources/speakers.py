"""The speakers of a talk, from where conference channels name them.

Conservative by design: a name is taken only from a place that holds speakers by convention,
and only if it is shaped like a name (``names``). Where the convention is ambiguous, nothing
is taken. In order:

1. The title. With a conference and year in it (``CppCon 2023``, ``Meeting C++ 2019``,
   ``[ACCU 2019]``), the conventions are, all with several speakers possible (``A & B``,
   ``A, B and C``):

   - ``Title - Speaker - CppCon 2023`` (CppCon, C++Now, Meeting C++, CppNorth, ACCU since
     2020) and ``Title - Speaker [ACCU 2019]``: the place just before the conference;
   - ``CppCon 2017: Speaker “Title”``: before the quoted title;
   - ``CppCon 2019: Speaker - Title``, ``Meeting C++ 2019 - Speaker - Title`` and ``Speaker -
     Meeting C++ 2016 - Title``: older channels put the speaker before or after the title,
     so the speaker is the one part that is a name, and none when several are.

   Without a conference, ``Speaker: Title`` is also how a series prefix reads (``Back to
   Basics: Move Semantics``), so it is taken only when the description names the same person.
2. The description's ``Speaker: ...``, ``Speakers: ...``, ``Presenter: ...`` and ``Presented
   by ...`` lines (or the lines after a bare ``Speakers:``), added to the title's. After a
   singular label a comma ends the name (``Speaker: Bjarne Stroustrup, Morgan Stanley``).
3. Only when neither names anyone, a transcript's introduction: ``my name is ...`` or ``I'm
   ...`` in its first few thousand characters. A host introducing the speaker would be taken
   for the speaker, which is why the title and description come first.
"""

import re
from collections.abc import Iterable, Sequence

from trackers.youtube.sources.names import leading_name, name_list

# How far into a transcript an introduction is looked for: the first minute or two of talk.
INTRO_CHARACTERS = 3000

_YEAR = r"(?:19|20)\d\d"
# "CppCon 2023", "C++Now 2019", "Meeting C++ 2022", "C++ on Sea 2020", "NDC TechTown 2022".
_CONFERENCE = rf"[^\W\d_]\S*(?:\s\S+){{0,3}}?\s{_YEAR}"
_IS_CONFERENCE = re.compile(_CONFERENCE)
_BRACKETED = re.compile(rf"\[\s*({_CONFERENCE})\s*\]")
_PREFIXED = re.compile(rf"({_CONFERENCE})\s*:\s*(.+)")
# Parts of a title: " - " (or an en or em dash, or a bar) and Core C++'s " :: ".
_SEPARATOR = re.compile(r"\s[-\u2013\u2014|]\s|\s::\s")
_QUOTED = re.compile(r"([^\"\u201c\u201e\u00ab]+?)\s*[\"\u201c\u201e\u00ab].+")
_PART = re.compile(r"\s+part\s*(?:\d+|[ivx]+)$", re.IGNORECASE)

_LABEL = re.compile(
    r"(?:[-*\u2022\u00b7]\s*)?(?P<label>speakers?|presenters?|presented\s+by)(?:\s*\d+)?"
    r"\s*(?:[:\u2013-]\s*|\s(?=\S))(?P<rest>.*)",
    re.IGNORECASE,
)
_BARE_LABEL = re.compile(r"(?:[-*\u2022\u00b7]\s*)?(?:speakers?|presenters?)\s*:?", re.IGNORECASE)
# What follows a name on a label's line: a place, an affiliation, a handle, a title.
_AFTER_NAME = re.compile(r"\s+(?:at|@|from|of|on|for|in|during)\s+|\s*[(\[|]|\s[-\u2013\u2014]\s")
_FOLLOWING_LINES = 8
_INTRODUCTION = re.compile(r"\b(?:my name is|my name's|i am|i'm|i\u2019m)\s+", re.IGNORECASE)


def speakers_of(title: str, description: str, transcripts: Iterable[str] = ()) -> tuple[str, ...]:
    """The names of the talk's speakers, each once, in the order they are named."""
    names: dict[str, str] = {}
    for name in (*title_speakers(title, description), *description_speakers(description)):
        names.setdefault(name.casefold(), name)
    if not names:
        for transcript in transcripts:
            introduced = introduced_speaker(transcript)
            if introduced is not None:
                return (introduced,)
    return tuple(names.values())


def title_speakers(title: str, description: str = "") -> tuple[str, ...]:
    """The speakers a talk's title names, by the conventions above."""
    title = " ".join(title.split())
    bracketed = _BRACKETED.search(title)
    if bracketed is not None and bracketed.end() == len(title):
        parts = _SEPARATOR.split(title[: bracketed.start()].strip())
        return name_list(parts[-1]) if len(parts) >= 2 else ()
    if bracketed is not None and bracketed.start() == 0:
        return _after_conference(title[bracketed.end() :].strip())
    prefixed = _PREFIXED.fullmatch(title)
    if prefixed is not None:
        return _after_conference(prefixed[2])
    parts = _SEPARATOR.split(title)
    conferences = [i for i, part in enumerate(parts) if _IS_CONFERENCE.fullmatch(part)]
    if conferences and conferences[-1] == len(parts) - 1:
        return name_list(parts[-2]) if len(parts) >= 3 else ()
    if conferences:
        return _only_names(part for i, part in enumerate(parts) if i not in conferences)
    return _corroborated(_before_colon(title), description)


def _after_conference(rest: str) -> tuple[str, ...]:
    """The speakers after a leading ``CppCon 2017:``: before a quoted title, the one named
    part of ``A - B``, or before a colon."""
    quoted = _QUOTED.fullmatch(rest)
    if quoted is not None:
        who = _SEPARATOR.split(quoted[1])[-1]  # "Lightning Talks - Ken Smith “Title”"
        return name_list(_PART.sub("", who))
    parts = _SEPARATOR.split(rest)
    if len(parts) >= 2:
        return _only_names(parts)
    return _before_colon(rest)


def _only_names(parts: Iterable[str]) -> tuple[str, ...]:
    """The names of the one part that is a list of names; none when several are."""
    named = [names for part in parts if (names := name_list(part))]
    return named[0] if len(named) == 1 else ()


def _before_colon(title: str) -> tuple[str, ...]:
    who, colon, what = title.partition(": ")
    return name_list(who) if colon and what else ()


def _corroborated(names: Sequence[str], description: str) -> tuple[str, ...]:
    """``names`` if the description names each of them too, else none."""
    text = " ".join(description.split()).casefold()
    for name in names:
        if not re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text):
            return ()
    return tuple(names)


def description_speakers(description: str) -> tuple[str, ...]:
    """The names of the description's speaker lines, in order."""
    lines = [line.strip() for line in description.splitlines()]
    found: list[str] = []
    for index, line in enumerate(lines):
        labelled = _LABEL.fullmatch(line)
        if labelled is not None and labelled["rest"].strip():
            plural = labelled["label"].lower().endswith("s")
            rest = _AFTER_NAME.split(labelled["rest"], maxsplit=1)[0]
            found.extend(name_list(rest, commas=plural))
        elif _BARE_LABEL.fullmatch(line):
            found.extend(_names_below(lines[index + 1 : index + 1 + _FOLLOWING_LINES]))
    return tuple(found)


def _names_below(lines: Sequence[str]) -> list[str]:
    """The names on the lines under a bare ``Speakers:``, one a line, up to the first line
    that is not one."""
    found: list[str] = []
    for line in lines:
        if not line and not found:
            continue  # "Speakers:", a blank line, then the names
        names = name_list(_AFTER_NAME.split(line, maxsplit=1)[0], commas=False)
        if not names:
            break
        found.extend(names)
    return found


def introduced_speaker(transcript: str) -> str | None:
    """The name a speaker introduces themselves with early in ``transcript``, if any."""
    opening = transcript[:INTRO_CHARACTERS]
    for introduction in _INTRODUCTION.finditer(opening):
        name = leading_name(opening[introduction.end() :])
        if name is not None:
            return name
    return None
