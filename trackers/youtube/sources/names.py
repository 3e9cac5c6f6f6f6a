"""Whether a piece of text is a person's name, and lists of names.

Speakers are found where titles and descriptions put them, and a wrong speaker is worse than
none: it becomes a profile, a person in the hub, that never existed. So a name is accepted
only in the shape conference names have: two to five words, each capitalised (``Hana
Dusíková``, ``Arthur O'Dwyer``, ``Jean-Heyd Meneide``), an initial (``Walter E. Brown``), a
particle inside (``Timu van der Kuil``) or a two-letter capital (``JF Bastien``), and none of
the words that fill a speaker's place in titles without being names (``Lightning Talk``,
``Panel``, ``Part 2``, ``Back to Basics``). Names written without capitals (automatic
captions) and scripts without case (Chinese, Japanese) are not recognised: they are missed,
never guessed.
"""

import re

MAX_WORDS = 5
# Lower-case words of names, never their first or last word.
PARTICLES = frozenset(
    "van von der den de del della da di du dos das le la bin ibn al ter ten zu y".split()  # noqa: SIM905
)
_HONORIFICS = re.compile(r"^(?:dr|prof|professor)\.?\s+", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_]$")
# Words that stand where a speaker would, in titles and descriptions, and are no name.
NOT_NAMES = frozenset(
    """
    a about again all also am an and any are as at back basics be beyond best build but by
    c++ can chat closing code coding committee concepts conference cpp day debugging deep
    design discussion dive do does embedded episode ep error errors excited fireside for from
    functional future generic glad going gonna grill guide handling happy has have hello here
    hi how in inside interview into intro introduction is it just keynote learned lessons
    lightning live meetup memory modern more my new not now of on one opening or our panel
    part past patterns performance plenary practices presents programming q&a really recap
    safety semantics session sessions so software standard standards still summit talk talks
    templates testing the this to today track trailer tutorial types update very we welcome
    what when where who why with workshop world you your
    ai ar db io ml os qa ui vr
    """.split()  # noqa: SIM905 (a list of words reads best as the words)
)


def person_name(text: str) -> str | None:
    """``text`` as a person's name (white space collapsed, an honorific dropped), or None
    when it is not shaped like one."""
    name = _HONORIFICS.sub("", " ".join(text.split()).strip(" .,;:"))
    words = name.split(" ")
    if not 2 <= len(words) <= MAX_WORDS:
        return None
    if any(word.casefold() in NOT_NAMES for word in words):
        return None
    first, *middle, last = words
    if not (_is_word(first) or _is_initial(first)) or not _is_word(last):
        return None
    if not all(_is_word(w) or _is_initial(w) or w in PARTICLES for w in middle):
        return None
    return name


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word)) and word[0].isupper()


def _is_word(word: str) -> bool:
    """A capitalised word of letters, with apostrophes or hyphens inside (each hyphenated
    part capitalised), or a capital pair (``JF``)."""
    if len(word) == 2 and word.isalpha() and word.isupper():
        return True
    parts = word.split("-")
    return all(
        len(part) >= 2
        and part[0].isupper()
        and part[0].isalpha()
        and not part.isupper()
        and part.replace("'", "").replace("\u2019", "").isalpha()
        and not part.endswith(("'", "\u2019", "'s", "\u2019s"))  # a possessive: "Parent's"
        for part in parts
    )


_SPLIT_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|\s&\s|\s\+\s|\s+and\s+)\s*")
_SPLIT_AND = re.compile(r"\s*(?:\s&\s|\s\+\s|\s+and\s+)\s*")


def name_list(text: str, *, commas: bool = True) -> tuple[str, ...]:
    """The names of a list (``A, B & C``, ``A and B``), each once, or () unless every item
    is a name: a list with anything else in it is not a list of speakers. With ``commas``
    false, a comma ends the list (``Bjarne Stroustrup, Morgan Stanley``: a name and what
    follows it)."""
    if not commas:
        text = text.split(",", 1)[0]
    pattern = _SPLIT_LIST if commas else _SPLIT_AND
    names: dict[str, str] = {}
    for item in pattern.split(text.strip()):
        name = person_name(item)
        if name is None:
            return ()
        names.setdefault(name.casefold(), name)
    return tuple(names.values())


_WORD_END = re.compile(r"[,.;:!?]+$")


def leading_name(text: str, max_words: int = 4) -> str | None:
    """The name ``text`` starts with (``Jason Turner, and today...``): its name-shaped words
    up to the first punctuation or other word, if they make a name."""
    words: list[str] = []
    for raw in text.split(maxsplit=max_words)[:max_words]:
        if _is_initial(raw):  # "E." keeps its full stop, and the name goes on
            words.append(raw)
            continue
        word = _WORD_END.sub("", raw)
        if not (_is_word(word) or _is_initial(word) or word in PARTICLES):
            break
        words.append(word)
        if word != raw:
            break  # punctuation ends the name
    while words and words[-1] in PARTICLES:
        words.pop()
    return person_name(" ".join(words)) if words else None
