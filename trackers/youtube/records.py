"""What the YouTube tracker stores: channels, videos and their transcripts.

A video is generic over how it holds its speakers: a source yields it with claims
(``VideoSeen``), the store keeps it with typed refs (``Video[YouTubeSpeakerRef]``). A speaker
is a name found in the talk's title, description or transcript; the hub keys a speaker by
the folded name alone, so one person speaking on several channels is one profile.

Counts (views, likes, comments, followers) are what the source saw at ``fetched_at``, the
time yt-dlp wrote the file (its ``epoch``): a later file's counts replace an earlier one's.

None is "the source did not say". For tuples (tags, categories, speakers) None keeps the
stored ones, while a tuple, even empty, replaces them: a file without ``tags`` says nothing of
them, a file with ``"tags": []`` says the video has none.
"""

from datetime import date, datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import YouTubeSpeakerClaim
from core.protocols.trackers import people

P = TypeVar("P", covariant=True)


@attrs.frozen
class Channel:
    """A channel; its natural key is the channel id (``UC`` and 22 characters)."""

    channel_id: str
    name: str = ""
    handle: str = ""  # "@CppCon"; older files name no handle
    url: str = ""
    # The channel's own description and tags come only from a channel-level file.
    description: str = ""
    tags: tuple[str, ...] | None = ()
    follower_count: int | None = None
    fetched_at: datetime | None = None  # Aware, UTC.


@attrs.frozen
class Video(Generic[P]):
    """A video; its natural key is the video id (11 characters on YouTube)."""

    video_id: str
    title: str = ""
    description: str = ""
    # "" when the file names no channel id (older youtube-dl output): no channel row then.
    channel_id: str = ""
    uploader: str = ""  # the channel's name as this file gives it
    upload_date: date | None = None  # the day YouTube shows, as the file gives it
    uploaded_at: datetime | None = None  # the exact moment, when the file gives it; UTC
    duration: int | None = None  # seconds
    view_count: int | None = None
    like_count: int | None = None
    comment_count: int | None = None
    tags: tuple[str, ...] | None = ()
    categories: tuple[str, ...] | None = ()
    url: str = ""
    live_status: str = ""  # "not_live", "was_live", "is_live", "is_upcoming", "post_live"
    availability: str = ""  # "public", "unlisted", "private", "needs_auth", ...
    # Several per talk, in the order the talk names them; None: none could be found.
    speakers: tuple[P, ...] | None = people()
    fetched_at: datetime | None = None  # Aware, UTC.


@attrs.frozen
class Transcript:
    """A subtitle file beside a video's info file, as plain text; its natural key is the
    video id and the language (BCP 47, ``und`` when neither the file's name nor its header
    says)."""

    video_id: str
    language: str
    text: str = ""  # cue timings, settings and markup removed; repeated lines once
    # True for YouTube's automatic captions, which time every word; None: no cue at all.
    automatic: bool | None = None
    modified_at: datetime | None = None  # the file's modification time; UTC


VideoSeen = Video[YouTubeSpeakerClaim]

type YouTubeSeen = Channel | Video[YouTubeSpeakerClaim] | Transcript
