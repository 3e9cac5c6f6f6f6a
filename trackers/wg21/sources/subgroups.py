"""The subgroups a free-text subgroup names, by their canonical codes.

People write the same group many ways: ``LEWG``, ``lewg``, ``LEWG Library Evolution``,
``Library Evolution``, the misspelt ``Library Evoution``; ``EWGI SG17: EWG Incubator`` and
``SG17`` are one group, as ``LEWGI`` and ``SG18`` are; ``SG1, LEWG`` names two. The text is
kept as written beside the codes; the codes are what a query groups by: ``CWG``, ``EWG``,
``LWG``, ``LEWG``, ``SG1`` ... ``SG23`` (the incubators as ``SG17`` and ``SG18``), ``DG``,
``WG21``. A name no code stands for (a typo beyond recognition) adds no code.
"""

import difflib
import re

# Names of groups, lower-case, by code; the longer names are looked for first.
_NAMES: dict[str, tuple[str, ...]] = {
    "WG21": ("all of wg21", "all", "plenary", "pl22.16"),
    "CWG": ("core", "core working group", "core language"),
    "EWG": ("evolution", "evolution working group", "language evolution"),
    "LWG": ("library", "library working group"),
    "LEWG": ("library evolution", "library evolution working group"),
    "SG1": ("concurrency", "concurrency and parallelism", "parallelism"),
    "SG2": ("modules",),
    "SG3": ("file system", "filesystem"),
    "SG4": ("networking",),
    "SG5": ("transactional memory", "transaction memory"),
    "SG6": ("numerics", "numeric"),
    "SG7": ("reflection", "compile-time programming"),
    "SG8": ("concepts",),
    "SG9": ("ranges",),
    "SG10": ("feature test", "feature testing"),
    "SG11": ("databases", "database"),
    "SG12": ("undefined and unspecified behavior", "undefined behavior", "vulnerabilities"),
    "SG13": ("i/o", "hmi", "human/machine interface", "graphics"),
    "SG14": ("low latency", "game development"),
    "SG15": ("tooling",),
    "SG16": ("unicode", "text"),
    "SG17": ("ewg incubator", "evolution incubator"),
    "SG18": ("lewg incubator", "library evolution incubator"),
    "SG19": ("machine learning",),
    "SG20": ("education",),
    "SG21": ("contracts",),
    "SG22": ("c/c++ liaison", "wg14 liaison", "compatibility"),
    "SG23": ("safety and security", "safety & security", "safety"),
    "DG": ("direction group",),
}
_CODE_OF_NAME = {name: code for code, names in _NAMES.items() for name in names}
_ALIASES = {"EWGI": "SG17", "LEWGI": "SG18"}
_PHRASES = re.compile(
    "|".join(
        rf"\b{re.escape(name)}\b"
        for name in sorted(_CODE_OF_NAME, key=len, reverse=True)
        # One word may be a part of a longer name: single words are looked up after.
        if " " in name or not name.isalpha()
    ),
    re.IGNORECASE,
)
_CODE = re.compile(r"\b(?:SG\s*-?\s*(\d{1,2})|(LEWGI|EWGI|LEWG|EWG|CWG|LWG|DG|WG21))\b", re.I)
_PARTS = re.compile(r"\s*(?:[,;:/+()|]|\s&\s|\band\b|\bor\b)\s*", re.IGNORECASE)
# How close a misspelt name must be to a known one to count as it (difflib's ratio).
_CLOSE = 0.85


def subgroup_codes(text: str) -> tuple[str, ...]:
    """The canonical codes of the groups ``text`` names, in the order it names them."""
    found: list[tuple[int, str]] = []
    rest = _PHRASES.sub(lambda m: _found(found, m, _CODE_OF_NAME[m[0].lower()]), text)
    rest = _CODE.sub(lambda m: _found(found, m, _code(m)), rest)
    for match in re.finditer(r"[^,;:/+()|&]+", rest):
        for part in _PARTS.split(match[0]):
            code = _name_code(part)
            if code:
                found.append((match.start(), code))
    found.sort(key=lambda pair: pair[0])
    return tuple(dict.fromkeys(code for _, code in found))


def _found(found: list[tuple[int, str]], match: re.Match[str], code: str) -> str:
    found.append((match.start(), code))
    return " " * len(match[0])  # blanked, so that what follows keeps its position


def _code(match: re.Match[str]) -> str:
    if match[1] is not None:
        return f"SG{int(match[1])}"
    code = match[2].upper()
    return _ALIASES.get(code, code)


def _name_code(part: str) -> str | None:
    name = " ".join(part.split()).lower().strip(" .-?!")
    if len(name) < 3:
        return None
    if name in _CODE_OF_NAME:
        return _CODE_OF_NAME[name]
    close = difflib.get_close_matches(name, _CODE_OF_NAME, n=1, cutoff=_CLOSE)
    return _CODE_OF_NAME[close[0]] if close else None
