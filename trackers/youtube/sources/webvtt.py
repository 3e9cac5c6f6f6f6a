"""WebVTT subtitles as plain text: what was said, without the cue timings and markup.

A file is a ``WEBVTT`` header, then blocks separated by blank lines: cues (an optional
identifier, a timing line ``00:00:01.000 --> 00:00:04.000`` with optional settings, then the
text), and ``NOTE``, ``STYLE`` and ``REGION`` blocks, which are no speech. Cue text loses its
tags (``<c>``, ``<v Speaker>``, ``<i>``, the ``<00:00:01.160>`` word timings) and has its
character references decoded (``&amp;``, ``&gt;&gt;``, ``&nbsp;``).

YouTube's automatic captions roll: each cue shows the line the previous cue added, then a new
one, and a 10 ms cue in between repeats it alone. A line equal to the line just kept is
therefore dropped, which leaves each line once; a transcript that really repeats a line
("no, no, no" over three cues) keeps it once too, which costs nothing a reader needs.
"""

import html
import itertools
import re
from collections.abc import Iterable

import attrs

_TIMING = re.compile(r"(?:\d+:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(?:\d+:)?\d{2}:\d{2}[.,]\d{3}")
_TAG = re.compile(r"<[^>]*>")
# YouTube's automatic captions time each word; people's subtitles time lines.
_WORD_TIMING = re.compile(r"<(?:\d+:)?\d{2}:\d{2}[.,]\d{3}>")
_HEADER_VALUE = re.compile(r"([A-Za-z-]+)\s*:\s*(.*)")


class NotWebVtt(ValueError):
    """The text is not WebVTT: it does not start with ``WEBVTT``."""


@attrs.frozen
class Subtitles:
    text: str
    automatic: bool | None  # None: not one cue
    language: str  # the header's ``Language:``, "" without one


def read_webvtt(lines: Iterable[str]) -> Subtitles:
    """The speech in the lines of a WebVTT file (its byte order mark already removed)."""
    blocks = iter(_blocks(lines))
    head = next(blocks, [""])
    if not (head[0] == "WEBVTT" or head[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        raise NotWebVtt("not a WebVTT file: it does not start with WEBVTT")
    # A file with no blank line after its header: the first cue starts at its timing line.
    cut = next((i for i, line in enumerate(head) if _TIMING.match(line.strip())), len(head))
    header = head[:cut]
    blocks = itertools.chain([head[cut:]] if cut < len(head) else [], blocks)
    language = ""
    for line in header[1:]:
        named = _HEADER_VALUE.fullmatch(line.strip())
        if named is not None and named[1].lower() == "language":
            language = named[2].strip()
    kept: list[str] = []
    cues = 0
    automatic = False
    for block in blocks:
        timing = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line.strip())), None)
        if timing is None:
            continue  # a NOTE, STYLE or REGION block: no timing line, no speech
        cues += 1
        for raw in block[timing + 1 :]:
            automatic = automatic or bool(_WORD_TIMING.search(raw))
            line = " ".join(html.unescape(_TAG.sub("", raw)).split())
            if line and (not kept or kept[-1] != line):
                kept.append(line)
    return Subtitles("\n".join(kept), automatic if cues else None, language)


def _blocks(lines: Iterable[str]) -> Iterable[list[str]]:
    """The blocks of the file, each its lines, split at blank lines; comments and styles
    kept as blocks, for the caller to pass over."""
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block
