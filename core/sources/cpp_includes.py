"""The ``#include`` directives of C and C++ source that a compiler would see.

Read the way the preprocessor reads: lines ended by a backslash are joined first, then
comments (``//`` and ``/* ... */``, which may span lines) are blanked, while string and
character literals (raw strings too) are kept whole, so a ``"/*"`` in a string starts no
comment. Directives inside a block the preprocessor always skips are left out: ``#if 0`` (and
``false``) up to its ``#else``, ``#elif`` or ``#endif``, and the other side of an ``#if 1``.
Any other condition depends on the build, so the includes of each of its branches count: a
header that some configuration includes is a header the file uses.

``includes(text)`` gives each directive's header, whether it was ``<angled>`` or ``"quoted"``,
and the physical line its directive starts on.
"""

import re
from collections.abc import Iterator

import attrs


@attrs.frozen
class Include:
    line: int  # 1-based, of the line the directive starts on
    header: str  # as written between the delimiters: "boost/asio.hpp"
    angled: bool  # <header> rather than "header"


# What blanking comments must step over whole: literals, then the comments themselves.
_TOKENS = re.compile(
    r"""
      (?P<raw>R"(?P<delimiter>[^()\\\s"]{0,16})\([\s\S]*?\)(?P=delimiter)")
    | (?P<string>"(?:\\.|[^"\\\n])*")
    | (?P<char>'(?:\\.|[^'\\\n])*')
    | (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*[\s\S]*?(?:\*/|\Z))
    """,
    re.VERBOSE,
)
_DIRECTIVE = re.compile(r"\s*#\s*(?P<name>[a-z_]+)\b\s*(?P<rest>.*)")
_INCLUDE = re.compile(r"(?:<(?P<angled>[^>\n]+)>|\"(?P<quoted>[^\"\n]+)\")")
_ALWAYS_FALSE = re.compile(r"(?:0+|false|\(\s*0+\s*\))\s*")
_ALWAYS_TRUE = re.compile(r"(?:0*[1-9][0-9]*|true|\(\s*1\s*\))\s*")


def includes(text: str) -> Iterator[Include]:
    lines, starts = _logical_lines(text)
    if not lines:
        return
    # One entry per open conditional: is its current branch live, was some branch of it
    # certainly taken (so that an #else after it is dead), was its parent live.
    stack: list[tuple[bool, bool, bool]] = []
    live = True
    for line, start in zip(_blank_comments("\n".join(lines)).split("\n"), starts, strict=True):
        directive = _DIRECTIVE.match(line)
        if directive is None:
            continue
        name, rest = directive["name"], directive["rest"].strip()
        if name in ("if", "ifdef", "ifndef"):
            certain = name == "if" and _ALWAYS_TRUE.fullmatch(rest) is not None
            dead = name == "if" and _ALWAYS_FALSE.fullmatch(rest) is not None
            stack.append((live and not dead, certain, live))
            live = live and not dead
        elif name in ("elif", "elifdef", "elifndef", "else") and stack:
            _, taken, parent = stack[-1]
            dead = taken or (name == "elif" and _ALWAYS_FALSE.fullmatch(rest) is not None)
            certain = (
                taken
                or name == "else"
                or (name == "elif" and _ALWAYS_TRUE.fullmatch(rest) is not None)
            )
            live = parent and not dead
            stack[-1] = (live, certain, parent)
        elif name == "endif" and stack:
            live = stack.pop()[2]
        elif name in ("include", "include_next", "import") and live:
            found = _INCLUDE.match(rest)
            if found is not None:
                header = (found["angled"] or found["quoted"]).strip()
                yield Include(start, header, found["angled"] is not None)


def _logical_lines(text: str) -> tuple[list[str], list[int]]:
    """The text's lines with backslash-continued ones joined, and the physical line each
    starts on."""
    lines: list[str] = []
    starts: list[int] = []
    pending: list[str] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if not pending:
            starts.append(number)
        if physical.endswith("\\"):
            pending.append(physical[:-1])
            continue
        pending.append(physical)
        lines.append("".join(pending))
        pending = []
    if pending:
        lines.append("".join(pending))
    return lines, starts


def _blank_comments(text: str) -> str:
    """Each comment replaced by one space and each raw string by an empty one, keeping the
    line breaks they span, so the lines still match their starts."""

    def blank(match: re.Match[str]) -> str:
        if match["line_comment"] is not None:
            return " "
        if match["block_comment"] is not None:
            return " " + "\n" * match["block_comment"].count("\n")
        if match["raw"] is not None:  # its lines are text, never directives
            return '""' + "\n" * match["raw"].count("\n")
        return match[0]

    return _TOKENS.sub(blank, text)
