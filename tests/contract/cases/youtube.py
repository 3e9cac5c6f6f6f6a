"""The YouTube tracker's store cases: one per record type, on every adapter."""

from datetime import date

from core.protocols.refs import YouTubeSpeakerRef
from tests.contract.cases import T1, T2, T3, T4, StoreCase
from trackers.youtube.ingest import CHANNELS, TRANSCRIPTS, VIDEOS
from trackers.youtube.records import Channel, Transcript, Video

CHANNEL_ID = "UCMlGfpWw-RUdWX_JbLCukXg"
BIG = 2**40  # view counts of the most watched videos outgrew 32 bits

CASES = [
    StoreCase(
        CHANNELS,
        full=Channel(
            channel_id=CHANNEL_ID,
            name="CppCon — ünïcødé 🚀",
            handle="@CppCon",
            url=f"https://www.youtube.com/channel/{CHANNEL_ID}",
            description="Talks from CppCon.\n日本語 💬",
            tags=("C++", "CppCon", "ünïcødé 🏷"),
            follower_count=158_000,
            fetched_at=T1,
        ),
        changed=Channel(
            channel_id=CHANNEL_ID,
            name="CppCon Videos",
            handle="@cppcon_official",
            url="https://www.youtube.com/@cppcon_official",
            description="renamed",
            tags=("CppCon", "C++", "conference"),
            follower_count=160_000,
            fetched_at=T3,
        ),
        sparse=Channel(channel_id="UCqJoxc0CBBuF5YhYn8i2oGQ"),
    ),
    StoreCase(
        VIDEOS,
        full=Video(
            video_id="b2bI8nitZ0q",
            title="Back to Basics: Initialization in C++ — ünïcødé 🚀 - Ben Saks - CppCon 2023",
            description="The rules for initialization.\n日本語 💬",
            channel_id=CHANNEL_ID,
            uploader="CppCon",
            upload_date=date(2023, 10, 12),
            uploaded_at=T1,
            duration=3655,
            view_count=BIG + 1,
            like_count=402,
            comment_count=31,
            tags=("c++", "back to basics", "ünïcødé 🏷"),
            categories=("Science & Technology", "Education"),
            url="https://www.youtube.com/watch?v=b2bI8nitZ0q",
            live_status="not_live",
            availability="public",
            speakers=(YouTubeSpeakerRef(41), YouTubeSpeakerRef(42)),
            fetched_at=T2,
        ),
        changed=Video(
            video_id="b2bI8nitZ0q",
            title="Initialization, revisited",
            description="",
            channel_id="UCqJoxc0CBBuF5YhYn8i2oGQ",
            uploader="CppNorth",
            upload_date=date(2024, 2, 29),
            uploaded_at=T3,
            duration=3656,
            view_count=BIG + 2,
            like_count=403,
            comment_count=32,
            tags=("back to basics", "c++", "initialization"),
            categories=("Education", "Gaming"),
            url="https://youtu.be/b2bI8nitZ0q",
            live_status="was_live",
            availability="unlisted",
            speakers=(YouTubeSpeakerRef(42), YouTubeSpeakerRef(41), YouTubeSpeakerRef(43)),
            fetched_at=T4,
        ),
        sparse=Video(video_id="oLdYtDl2017"),
    ),
    StoreCase(
        TRANSCRIPTS,
        full=Transcript(
            video_id="b2bI8nitZ0q",
            language="en-US",
            text="hi everyone my name is ben saks\nünïcødé &amp; 日本語 💬",
            automatic=True,
            modified_at=T1,
        ),
        changed=Transcript(
            video_id="b2bI8nitZ0q",
            language="en-US",
            text="Hi everyone, my name is Ben Saks.",
            automatic=False,
            modified_at=T4,
        ),
        sparse=Transcript(video_id="b2bI8nitZ0q", language="und"),
    ),
]
