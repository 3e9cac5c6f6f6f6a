"""``yt-dlp -j`` output saved to one file: a playlist's or a channel's videos printed one JSON
object a line (JSON Lines), rather than one object a file.

Such a file is no JSON document, so it is recognised by what fails: a first line that is a
whole JSON value, and more after it. Each line is then read on its own, loaded whole as a
small file is (``json_files.LOAD_WHOLE_UP_TO``); a line longer than that is a problem of its
own, and the lines after it are read.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from core.protocols.ingest import SourceProblem
from core.sources.files import open_error, open_regular, path_text
from core.sources.json_files import LOAD_WHOLE_UP_TO

_CHUNK = 1 << 16


def is_json_lines(path: Path) -> bool:
    """Whether the file at ``path`` is JSON Lines: its first line a whole JSON value, and a
    line that is not blank after it."""
    try:
        with open_regular(path) as file:
            first = file.readline(LOAD_WHOLE_UP_TO)
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
        while line := file.readline(LOAD_WHOLE_UP_TO + 1):
            number += 1
            position = f"line {number}"
            if len(line) > LOAD_WHOLE_UP_TO:
                if not line.endswith(b"\n"):
                    _skip_line(file)
                reason = f"longer than the {LOAD_WHOLE_UP_TO:,} bytes a line is read up to"
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
