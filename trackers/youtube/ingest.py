"""What the YouTube tracker stores and how: its record types, for the kit's ingest engine.

Channels and videos change (titles are edited, counts grow, channels rename), and yt-dlp
stamps each file with the time it was written (``epoch``): a sighting strictly newer than the
stored record replaces every value it knows, and any other (as old, older, or an older
youtube-dl file without the stamp) only fills in what was unknown. A transcript is its own
file: the newer file replaces the older one's text, so a subtitle file downloaded again
(manual subtitles in place of automatic captions) is what is kept.

Erasure: a speaker erased on request leaves the talks in place; the talk no longer names
them as a speaker.
"""

from core.protocols.refs import YouTubeSpeakerRef
from core.protocols.trackers import NewerWins, RecordType, Source, Tracker
from trackers.youtube.records import Channel, Transcript, Video
from trackers.youtube.sources.info_json import info_fingerprint, read_info_json
from trackers.youtube.sources.subtitles import INFO_SUFFIX

type ChannelKey = str
type VideoKey = str
type TranscriptKey = tuple[str, str]  # (video id, language)

CHANNELS = RecordType[Channel, ChannelKey](
    "youtube.channel", Channel, ("channel_id",), NewerWins(at="fetched_at")
)
VIDEOS = RecordType[Video[YouTubeSpeakerRef], VideoKey](
    "youtube.video", Video, ("video_id",), NewerWins(at="fetched_at")
)
TRANSCRIPTS = RecordType[Transcript, TranscriptKey](
    "youtube.transcript", Transcript, ("video_id", "language"), NewerWins(at="modified_at")
)

YOUTUBE = Tracker(
    "youtube",
    record_types=(CHANNELS, VIDEOS, TRANSCRIPTS),
    unreadable="youtube.video",
    sources=(
        Source(
            "youtube-info",
            "yt-dlp and youtube-dl .info.json files (a video each, or a channel), with the"
            " .vtt subtitles beside them as transcripts; files or folders",
            read_info_json,
            suffixes=(INFO_SUFFIX,),
            fingerprint=info_fingerprint,
        ),
    ),
)
