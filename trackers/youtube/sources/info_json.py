"""yt-dlp ``.info.json`` files (``--write-info-json``, or ``yt-dlp -j``/``-J`` saved to one),
and older youtube-dl ones: one video per file, or a channel-level file among them.

A video file gives the video, its channel (when the file names the channel's id: older
youtube-dl files name only the uploader, and give no channel row), and a transcript for each
subtitle file beside it (``subtitles``). Its speakers come from its title, description and
English transcripts (``speakers``).

A channel-level file (``"_type": "playlist"``, a channel's tab or one of its playlists) gives
the channel; its own description and tags when it is the channel itself. Its ``entries``, in
a ``yt-dlp -J`` dump, are videos read as the files of videos are (without transcripts: none
is beside them); entries that are only links (``--flat-playlist``) are not videos, and their
videos are read from their own files.

``yt-dlp -j`` of a playlist, saved to one file, is a video a line (JSON Lines, read by the
toolkit's ``json_lines``): each is read as a video file is, without transcripts.

A file is loaded whole, or, when bigger than the toolkit's limit, streamed one top-level
value at a time (``json_values``): the ``formats`` lists, most of a file, are dropped as soon
as they are parsed.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from core.protocols.claims import YouTubeSpeakerClaim
from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, json_type
from core.sources.files import file_fingerprint, path_text
from core.sources.json_files import json_values
from core.sources.json_lines import is_json_lines, json_lines
from trackers.youtube.records import Channel, Transcript, VideoSeen, YouTubeSeen
from trackers.youtube.sources.info_fields import Info
from trackers.youtube.sources.speakers import speakers_of
from trackers.youtube.sources.subtitles import (
    SUBTITLE_SUFFIX,
    read_transcript,
    subtitles_beside,
    subtitles_fingerprint,
)

_KEYS = (
    "_type",
    "id",
    "title",
    "fulltitle",
    "description",
    "upload_date",
    "timestamp",
    "duration",
    "view_count",
    "like_count",
    "comment_count",
    "channel",
    "channel_id",
    "channel_url",
    "channel_follower_count",
    "uploader",
    "uploader_id",
    "uploader_url",
    "tags",
    "categories",
    "webpage_url",
    "live_status",
    "availability",
    "epoch",
    "extractor_key",
    "entries",
)
# What a YouTube id is made of: 11 of these for a video, 24 for a channel (``UC`` first).
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_CHANNEL_URL = re.compile(r"/channel/(UC[A-Za-z0-9_-]{22})(?:[/?#]|$)")
_HANDLE_URL = re.compile(r"/(@[^/?#]+)/?$")
_PLAYLISTS = ("playlist", "multi_video")
_LINKS = ("url", "url_transparent")


def read_info_json(path: Path, since: str | None = None) -> Iterator[YouTubeSeen | SourceProblem]:
    """The video (or the channel) in the info file at ``path``, with its channel and its
    transcripts; a problem for what cannot be read. ``since`` is not used: a file is read
    whole."""
    where = path_text(path)
    if path.name.lower().endswith(SUBTITLE_SUFFIX):
        yield SourceProblem(where, "", "a subtitle file: it is read with the .info.json beside it")
        return
    found = json_values(path, _KEYS)
    if isinstance(found, SourceProblem):
        if found.reason.startswith("not valid JSON") and is_json_lines(path):
            yield from _videos(where, json_lines(path), "lines")
        else:
            yield found
        return
    info = Info(found)
    try:
        kind = info.text("_type") or "video"
        extractor = info.text("extractor_key")
        if extractor and not extractor.startswith("Youtube"):
            raise FieldError(f"not a YouTube video: yt-dlp read it as {extractor[:40]}'s")
        if kind in _LINKS:
            raise FieldError("a link to a video or a playlist, not its info (--flat-playlist)")
        if kind in _PLAYLISTS:
            yield from _channel_file(where, info)
            return
        if kind != "video":
            raise info.wrong("_type", "a video or a playlist")
        video_id = _video_id(info)
    except FieldError as error:
        yield SourceProblem(where, "", str(error))
        return
    transcripts: list[Transcript] = []
    for item in _transcripts(path, video_id):
        if isinstance(item, Transcript):
            transcripts.append(item)
        yield item
    yield from _video_and_channel(where, f"video {video_id}", info, transcripts)


def info_fingerprint(path: Path) -> str:
    """What tells an info file read before from a changed one: its own fingerprint and its
    subtitle files', so that a transcript written or changed later is read. Raises OSError
    when the info file cannot be read."""
    return f"{file_fingerprint(path)}; subtitles: {subtitles_fingerprint(path)}"


def _video_id(info: Info) -> str:
    video_id = _youtube_id(info, "id")
    if not video_id:
        raise FieldError("not a yt-dlp info file: it has no id")
    return video_id


def _youtube_id(info: Info, key: str) -> str:
    value = info.text(key)
    if value and not _ID.fullmatch(value):
        raise info.wrong(key, "a YouTube id")
    return value


def _transcripts(path: Path, video_id: str) -> Iterator[Transcript | SourceProblem]:
    try:
        beside = subtitles_beside(path)
    except OSError as error:
        reason = f"cannot list the folder for subtitles: {error.strerror or error}"
        yield SourceProblem(path_text(path.parent), "", reason)
        return
    for subtitle, language in beside:
        yield from read_transcript(subtitle, language, video_id)


def _video_and_channel(
    where: str, position: str, info: Info, transcripts: Sequence[Transcript]
) -> Iterator[YouTubeSeen | SourceProblem]:
    try:
        channel = _channel(info, own=False)
        video = _video(info, channel, transcripts)
    except FieldError as error:
        yield SourceProblem(where, position, str(error))
        return
    if channel is not None:
        yield channel
    yield video


def _video(info: Info, channel: Channel | None, transcripts: Sequence[Transcript]) -> VideoSeen:
    title = info.text("title") or info.text("fulltitle")
    description = info.text("description")
    english = [t.text for t in sorted(transcripts, key=_manual_first) if _is_english(t)]
    names = speakers_of(title, description, english)
    return VideoSeen(
        video_id=_video_id(info),
        title=title,
        description=description,
        channel_id="" if channel is None else channel.channel_id,
        uploader=info.text("channel") or info.text("uploader"),
        upload_date=info.day("upload_date"),
        uploaded_at=info.unix_moment("timestamp"),
        duration=info.seconds("duration"),
        view_count=info.count("view_count"),
        like_count=info.count("like_count"),
        comment_count=info.count("comment_count"),
        tags=info.words("tags"),
        categories=info.words("categories"),
        url=info.text("webpage_url"),
        live_status=info.text("live_status"),
        availability=info.text("availability"),
        speakers=tuple(YouTubeSpeakerClaim(name) for name in names) or None,
        fetched_at=info.unix_moment("epoch"),
    )


def _manual_first(transcript: Transcript) -> bool:
    return bool(transcript.automatic)


def _is_english(transcript: Transcript) -> bool:
    language = transcript.language.lower()
    return language in ("en", "und") or language.startswith("en-")


def _channel(info: Info, *, own: bool) -> Channel | None:
    """The channel ``info`` names, or None when it names no channel id. ``own``: ``info``
    is a channel-level file, whose description and tags are the channel's when it is the
    channel itself rather than one of its playlists."""
    uploader_id = info.text("uploader_id")
    channel_url = info.text("channel_url")
    uploader_url = info.text("uploader_url")
    channel_id = _youtube_id(info, "channel_id")
    if not channel_id:
        by_url = _CHANNEL_URL.search(channel_url) or _CHANNEL_URL.search(uploader_url)
        legacy = _CHANNEL_ID.fullmatch(uploader_id)  # youtube-dl's uploader_id, at times
        channel_id = by_url[1] if by_url else legacy[0] if legacy else ""
    if not channel_id:
        return None
    handle = uploader_id if uploader_id.startswith("@") else ""
    if not handle:
        by_handle = _HANDLE_URL.search(uploader_url)
        handle = by_handle[1] if by_handle else ""
    itself = own and info.text("id") == channel_id
    return Channel(
        channel_id=channel_id,
        name=info.text("channel") or info.text("uploader"),
        handle=handle,
        url=channel_url,
        description=info.text("description") if itself else "",
        tags=info.words("tags") if itself else None,
        follower_count=info.count("channel_follower_count"),
        fetched_at=info.unix_moment("epoch"),
    )


def _channel_file(where: str, info: Info) -> Iterator[YouTubeSeen | SourceProblem]:
    """A channel-level file: the channel, then the videos of its entries."""
    try:
        channel = _channel(info, own=True)
    except FieldError as error:
        yield SourceProblem(where, "playlist", str(error))
        return
    try:
        entries = info.array("entries")
    except FieldError as error:
        yield SourceProblem(where, "", str(error))
        return
    if channel is None and not entries:
        yield SourceProblem(where, "", "a playlist that names no channel and holds no videos")
        return
    if channel is not None:
        yield channel
    yield from _videos(
        where, ((f"entry {i}", entry) for i, entry in enumerate(entries or ())), "entries"
    )


def _videos(
    where: str, items: Iterable[tuple[str, object] | SourceProblem], label: str
) -> Iterator[YouTubeSeen | SourceProblem]:
    """The video (and its channel) of each object of a playlist's entries or a file's lines,
    by its position; links (``--flat-playlist``) are counted in one note, under ``label``."""
    links = 0
    for item in items:
        if isinstance(item, SourceProblem):
            yield item
            continue
        position, value = item
        if not isinstance(value, dict):
            yield SourceProblem(where, position, f"not an object but {json_type(value)}")
            continue
        info = Info(value)
        try:
            if (info.text("_type") or "video") != "video":
                links += 1
                continue
        except FieldError as error:
            yield SourceProblem(where, position, str(error))
            continue
        yield from _video_and_channel(where, position, info, ())
    if links:
        what = "is a link, not a video" if links == 1 else "are links, not videos"
        reason = (
            f"{links:,} of its {label} {what} (--flat-playlist): each video linked is read from"
            " its own .info.json"
        )
        yield SourceProblem(where, label, reason, skipped=False)
