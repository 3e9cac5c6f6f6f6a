"""The ``#include`` directives of C and C++ source that a compiler would see.

Read the way the preprocessor reads: lines ended by a backslash are joined first, then
comments (``//`` and ``/* ... */``, which may span lines) are blanked, while string and
character literals (raw strings too) are kept whole, so a ``"/*"`` in a string starts no
comment. Directives inside a block the preprocessor always skips are left out: ``#if 0`` (and
``false``) up to its ``#else``, ``#elif`` or ``#endif``, and the other side of an ``#if 1``.
Any other condition depends on the build, so the includes of each of its branches count: a
header that some configuration includes is a header the file uses.

``includes(text)`` gives each directive's header, whether it was ``<angled>`` or ``"quoted"``,
and the physical line its directive starts on (counted by newline: glibc's form feeds are no
lines). A directive is a line whose first character after blanks is ``#``; one written after
a comment on its line (``/* x */ #include <y>``, legal but unseen in practice) is not read.
"""

import re
from collections.abc import Iterator

import attrs


@attrs.frozen
class Include:
    line: int  # 1-based, of the line the directive starts on
    header: str  # as written between the delimiters: "boost/asio.hpp"
    angled: bool  # <header> rather than "header"


# What blanking comments in a directive must step over whole: literals, then the comments.
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
_DIRECTIVE = re.compile(r"\s*#\s*(?P<name>[a-z_]+)\b\s*(?P<rest>.*)", re.DOTALL)
# Where a directive may start: after a line break, blanks then "#". Searched in the text with a
# line break put first: a pattern that starts with a literal is scanned for in C.
_DIRECTIVE_START = re.compile(r"\n[ \t\f\v]*#")
# A raw string's opening, at an ``R"`` found (with its encoding prefix, if any, before it).
_RAW = re.compile(r'R"(?P<delimiter>[^()\\\s"]{0,16})\(')
_IDENTIFIER = re.compile(r"[A-Za-z0-9_]")
# Complete literals, and a line comment, in the text before a "/*" on its line.
_BEFORE = re.compile(r'"(?:\\.|[^"\\\n])*"' r"|'(?:\\.|[^'\\\n])*'" r"|(?P<comment>//)")
_INCLUDE = re.compile(r"(?:<(?P<angled>[^>\n]+)>|\"(?P<quoted>[^\"\n]+)\")")
_ALWAYS_FALSE = re.compile(r"(?:0+|false|\(\s*0+\s*\))\s*")
_ALWAYS_TRUE = re.compile(r"(?:0*[1-9][0-9]*|true|\(\s*1\s*\))\s*")


def includes(text: str) -> Iterator[Include]:
    # One entry per open conditional: is its current branch live, was some branch of it
    # certainly taken (so that an #else after it is dead), was its parent live.
    stack: list[tuple[bool, bool, bool]] = []
    live = True
    for start, line in _directives(text):
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


def _directives(text: str) -> Iterator[tuple[int, str]]:
    """Each directive's physical line and its text, continued lines joined and comments
    blanked. Only the lines that start with ``#`` are looked at, and the text between them
    only for what could hide them (a block comment, a raw string): a header of thousands of
    lines costs a few searches in C, not a Python step per character."""
    hidden = _hidden_spans(text)
    at = 0  # index into hidden: spans end in order, and so do directives
    line, counted = 1, 0
    for found in _DIRECTIVE_START.finditer("\n" + text):
        begin = found.start()  # of the directive's line in text, the break put first aside
        while at < len(hidden) and hidden[at][1] <= begin:
            at += 1
        if at < len(hidden) and hidden[at][0] <= begin:
            continue  # inside a comment or a raw string
        line += text.count("\n", counted, begin)
        counted = begin
        end = text.find("\n", begin)
        end = len(text) if end < 0 else end
        while text[begin:end].rstrip("\r").endswith("\\") and end < len(text):
            following = text.find("\n", end + 1)  # a line ended by a backslash goes on
            end = len(text) if following < 0 else following
        directive = text[begin:end]
        if "\\" in directive:
            directive = re.sub(r"\\\r?\n", "", directive)
        if "/" in directive or '"' in directive or "'" in directive:
            directive = _TOKENS.sub(_blank, directive)
        yield line, directive


def _hidden_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text's block comments and raw strings, in order. A ``/*`` inside a
    string or after ``//`` on its line starts nothing."""
    spans: list[tuple[int, int]] = []
    nowhere = len(text)
    position = 0
    # The next of each from ``position``, searched for again only once passed: searching anew
    # each time would scan the rest of the text for an R" at each of its thousands of comments.
    comment = raw = -1
    while True:
        if comment < position:
            found = text.find("/*", position)
            comment = nowhere if found < 0 else found
        if raw < position:
            found = text.find('R"', position)
            raw = nowhere if found < 0 else found
        if comment == raw == nowhere:
            return spans
        if comment < raw:
            line_start = text.rfind("\n", 0, comment) + 1
            if _commented_or_quoted(text[line_start:comment]):
                position = comment + 2
                continue
            close = text.find("*/", comment + 2)
            end = nowhere if close < 0 else close + 2
            spans.append((comment, end))
        else:
            opening = _RAW.match(text, raw)
            prefix = text[max(0, raw - 2) : raw]
            named = prefix.endswith(("u8", "u", "U", "L"))
            before = raw - (2 if prefix == "u8" else 1 if named else 0)
            if opening is None or (before > 0 and _IDENTIFIER.match(text[before - 1])):
                position = raw + 2
                continue
            closing = ")" + opening["delimiter"] + '"'
            close = text.find(closing, opening.end())
            end = nowhere if close < 0 else close + len(closing)
            spans.append((raw, end))
        position = end


def _commented_or_quoted(before: str) -> bool:
    """Whether what follows ``before`` on its line is in a line comment or a string."""
    rest = []
    for token in _BEFORE.finditer(before):
        if token["comment"] is not None:
            return True
        rest.append(token.span())
    unquoted = before
    for start, end in reversed(rest):
        unquoted = unquoted[:start] + unquoted[end:]
    return '"' in unquoted


def _blank(match: re.Match[str]) -> str:
    if match["line_comment"] is not None or match["block_comment"] is not None:
        return " "
    if match["raw"] is not None:
        return '""'
    return match[0]
