"""The subtitle files beside a video's info file, read as its transcripts.

yt-dlp names a video's files after one stem: ``Talk [dQw4w9WgXcQ].info.json`` beside
``Talk [dQw4w9WgXcQ].en.vtt`` (``--write-subs``, ``--write-auto-subs``), one ``.vtt`` per
language (``en``, ``en-US``, ``en-orig``), or ``Talk [dQw4w9WgXcQ].vtt`` with none. Those are
the info file's transcripts. The language is the file name's, else the header's
``Language:``, else ``und`` (BCP 47's "undetermined").

A folder of a few thousand videos is listed once, not once per video: its listing is kept
while the folder's modification time says no file was added, removed or renamed in it.
"""

import functools
import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.dates import unix_utc
from core.sources.files import file_fingerprint, open_error, open_regular, path_text
from core.sources.text import clean_text
from trackers.youtube.records import Transcript
from trackers.youtube.sources.webvtt import NotWebVtt, read_webvtt

INFO_SUFFIX = ".info.json"
SUBTITLE_SUFFIX = ".vtt"
# Bytes of a subtitle file read: a three-hour talk's automatic captions take about 2 MB.
READ_LIMIT = 16 << 20
UNDETERMINED = "und"
_LANGUAGE = re.compile(r"[A-Za-z0-9_-]{1,35}")
_LISTINGS = 16


def stem(info: Path) -> str:
    """The name the video's files share: the info file's without ``.info.json``."""
    name = info.name
    return name[: -len(INFO_SUFFIX)] if name.lower().endswith(INFO_SUFFIX) else info.stem


def subtitles_beside(info: Path) -> list[tuple[Path, str]]:
    """Each subtitle file of the video, with the language its name gives ("" for none), in
    name order. Raises OSError when the folder cannot be listed."""
    folder = info.parent
    status = os.stat(folder)
    names = _listing(os.fspath(folder), (status.st_dev, status.st_ino, status.st_mtime_ns))
    own = stem(info) + "."
    found: list[tuple[Path, str]] = []
    for name in names:
        if not (name.startswith(own) and name.lower().endswith(SUBTITLE_SUFFIX)):
            continue
        language = name[len(own) : -len(SUBTITLE_SUFFIX)]
        if language == "" or _LANGUAGE.fullmatch(language):
            found.append((folder / name, language))
    return found


@functools.lru_cache(maxsize=_LISTINGS)
def _listing(folder: str, version: tuple[int, int, int]) -> tuple[str, ...]:
    """The names in ``folder`` as of ``version`` (device, inode, modification time)."""
    del version  # part of the cache key only
    with os.scandir(folder) as entries:
        return tuple(sorted(entry.name for entry in entries))


def subtitles_fingerprint(info: Path) -> str:
    """What tells the video's subtitle files from changed ones: each one's fingerprint, or
    why it cannot be read (so that it is read again once it can)."""
    try:
        beside = subtitles_beside(info)
    except OSError as error:
        return f"subtitles cannot be listed: {error.strerror or error}"
    parts: list[str] = []
    for path, _ in beside:
        try:
            parts.append(f"{path_text(path.name)}: {file_fingerprint(path)}")
        except OSError as error:
            parts.append(f"{path_text(path.name)}: cannot read: {error.strerror or error}")
    return "; ".join(parts)


def read_transcript(
    path: Path, language: str, video_id: str
) -> Iterator[Transcript | SourceProblem]:
    """The transcript in the subtitle file at ``path``, or the problem that keeps it from
    being read; a file longer than READ_LIMIT is read up to it."""
    where = path_text(path)
    try:
        with open_regular(path) as file:
            status = os.fstat(file.fileno())
            data = file.read(READ_LIMIT + 1)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    if len(data) > READ_LIMIT:
        data = data[: data.rfind(b"\n", 0, READ_LIMIT) + 1 or READ_LIMIT]
        yield SourceProblem(
            where,
            f"byte {len(data)}",
            f"{status.st_size:,} bytes, more than the {READ_LIMIT:,} a subtitle file is read"
            " up to: only those are read",
            skipped=False,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield SourceProblem(
            where,
            f"byte {error.start}",
            f"not UTF-8 text ({error.reason}): what is not is replaced by U+FFFD",
            skipped=False,
        )
        text = data.decode("utf-8-sig", "replace")
    try:
        subtitles = read_webvtt(text.splitlines())
    except NotWebVtt as error:
        yield SourceProblem(where, "", str(error))
        return
    header_language = subtitles.language if _LANGUAGE.fullmatch(subtitles.language) else ""
    yield Transcript(
        video_id=video_id,
        language=language or header_language or UNDETERMINED,
        text=clean_text(subtitles.text),
        automatic=subtitles.automatic,
        modified_at=_modified(status.st_mtime_ns),
    )


def _modified(nanoseconds: int) -> datetime | None:
    seconds, rest = divmod(nanoseconds, 10**9)
    moment = unix_utc(seconds)
    return None if moment is None else moment + timedelta(microseconds=rest // 1000)
