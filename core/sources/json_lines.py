"""JSON Lines: a file of one JSON value a line, as tools print a stream of records and save
it to one file (``yt-dlp -j`` of a playlist, ``jq -c``, an exporter's log of events).

Such a file is no JSON document, so it is recognised by what fails: a reader that finds its
file not valid JSON asks ``is_json_lines`` (a first line that is a whole JSON value, and a
line that is not blank after it). ``json_lines`` then reads each line on its own, loaded whole
as a small file is (``LINE_UP_TO``, the toolkit's ``json_files.LOAD_WHOLE_UP_TO``); a line
longer than that, or not valid JSON, is a problem of its own, and the lines after it are read.
A blank line holds no value and is passed over.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from core.protocols.ingest import SourceProblem
from core.sources.files import open_error, open_regular, path_text
from core.sources.json_files import LOAD_WHOLE_UP_TO

# A line is loaded whole, as a small file is.
LINE_UP_TO = LOAD_WHOLE_UP_TO
_CHUNK = 1 << 16


def is_json_lines(path: Path) -> bool:
    """Whether the file at ``path`` is JSON Lines: its first line a whole JSON value, and a
    line that is not blank after it."""
    try:
        with open_regular(path) as file:
            first = file.readline(LINE_UP_TO)
            if not first.endswith(b"\n"):
                return False  # one line only, or one longer than a line is read
            try:
                json.loads(first)
            except (ValueError, RecursionError):
                return False
            while chunk := file.readline(_CHUNK):
                if chunk.strip():
                    return True
    except OSError:
        return False
    return False


def json_lines(path: Path) -> Iterator[tuple[str, object] | SourceProblem]:
    """Each line's JSON value with its position (``line 3``), or the problem with the line."""
    where = path_text(path)
    try:
        file = open_regular(path)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    with file:
        number = 0
        while line := file.readline(LINE_UP_TO + 1):
            number += 1
            position = f"line {number}"
            if len(line) > LINE_UP_TO:
                if not line.endswith(b"\n"):
                    _skip_line(file)
                reason = f"longer than the {LINE_UP_TO:,} bytes a line is read up to"
                yield SourceProblem(where, position, reason)
            elif line.strip():
                yield _value(where, position, line)


def _value(where: str, position: str, line: bytes) -> tuple[str, object] | SourceProblem:
    try:
        return position, json.loads(line.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as error:
        return SourceProblem(where, position, f"not UTF-8 text: {error.reason}")
    except json.JSONDecodeError as error:
        return SourceProblem(
            where, f"{position} column {error.colno}", f"not valid JSON: {error.msg}"
        )
    except (ValueError, RecursionError):  # a 5,000-digit number, a nesting too deep
        return SourceProblem(where, position, "not valid JSON that can be read")


def _skip_line(file: BinaryIO) -> None:
    while (chunk := file.readline(_CHUNK)) and not chunk.endswith(b"\n"):
        pass
