"""Hypothesis strategies for YouTube items: info objects as files hold them, and the records
a reader yields from them."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from core.protocols import YouTubeSpeakerClaim
from trackers.youtube.records import Channel, Transcript, VideoSeen

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)

VIDEO_IDS = ["b2bI8nitZ0q", "c0ntr4ctsX1", "oLdYtDl2017", "upC0m1ngPr3"]
CHANNEL_IDS = ["UCMlGfpWw-RUdWX_JbLCukXg", "UCqJoxc0CBBuF5YhYn8i2oGQ"]
T0 = datetime(2023, 11, 14, tzinfo=UTC)

moments = st.none() | st.sampled_from([T0, T0 + timedelta(days=1), T0 + timedelta(days=2)])
counts = st.none() | st.integers(min_value=0, max_value=2**40)
words = st.none() | st.lists(st.sampled_from(["c++", "cppcon", "talk"]), max_size=3).map(tuple)
# Speakers named on several channels: the same names come back in other videos.
speakers = st.none() | st.lists(
    st.sampled_from(["Sean Parent", "Ben Saks", "sean  PARENT", "Hana Dusíková"]).map(
        YouTubeSpeakerClaim
    ),
    min_size=1,
    max_size=3,
).map(tuple)

videos = st.builds(
    VideoSeen,
    video_id=st.sampled_from(VIDEO_IDS),
    title=text,
    description=text,
    channel_id=st.sampled_from(["", *CHANNEL_IDS]),
    uploader=st.sampled_from(["", "CppCon", "CppNorth"]),
    upload_date=st.none() | st.dates(min_value=date(2005, 4, 23), max_value=date(2030, 1, 1)),
    uploaded_at=moments,
    duration=counts,
    view_count=counts,
    like_count=counts,
    comment_count=counts,
    tags=words,
    categories=words,
    url=st.sampled_from(["", "https://www.youtube.com/watch?v=x"]),
    live_status=st.sampled_from(["", "not_live", "was_live"]),
    availability=st.sampled_from(["", "public"]),
    speakers=speakers,
    fetched_at=moments,
)
channels = st.builds(
    Channel,
    channel_id=st.sampled_from(CHANNEL_IDS),
    name=text,
    handle=st.sampled_from(["", "@CppCon"]),
    url=st.sampled_from(["", "https://www.youtube.com/@CppCon"]),
    description=text,
    tags=words,
    follower_count=counts,
    fetched_at=moments,
)
transcripts = st.builds(
    Transcript,
    video_id=st.sampled_from(VIDEO_IDS),
    language=st.sampled_from(["en", "de", "und"]),
    text=text,
    automatic=st.none() | st.booleans(),
    modified_at=moments,
)
items = st.one_of(videos, channels, transcripts)

# -- info objects, as a file holds them -----------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = {
    "_type": st.sampled_from(["video", "playlist", "url", "multi_video", "other"]) | json_values,
    "id": st.sampled_from(VIDEO_IDS) | json_values,
    "title": st.sampled_from(["Talk - Ben Saks - CppCon 2023", "CppCon 2017: A B \u201cT\u201d"])
    | json_values,
    "description": st.sampled_from(["Speaker: Sean Parent", ""]) | json_values,
    "upload_date": st.sampled_from(["20231012", "2023"]) | json_values,
    "timestamp": st.integers(min_value=-(2**40), max_value=2**40) | json_values,
    "duration": st.floats(min_value=0, max_value=10**6) | json_values,
    "view_count": json_values,
    "like_count": json_values,
    "comment_count": json_values,
    "channel": json_values,
    "channel_id": st.sampled_from(CHANNEL_IDS) | json_values,
    "channel_url": json_values,
    "uploader_id": st.sampled_from(["@CppCon", CHANNEL_IDS[0]]) | json_values,
    "uploader_url": json_values,
    "tags": st.lists(st.text(max_size=10), max_size=3) | json_values,
    "categories": json_values,
    "webpage_url": json_values,
    "epoch": st.integers(min_value=0, max_value=2**34) | json_values,
    "extractor_key": st.sampled_from(["Youtube", "YoutubeTab", "Vimeo"]) | json_values,
    "entries": st.lists(
        st.fixed_dictionaries({"id": st.sampled_from(VIDEO_IDS)}) | json_values, max_size=3
    )
    | json_values,
}


@st.composite
def info_objects(draw: st.DrawFn) -> dict[str, object]:
    """An object with some of the fields yt-dlp writes, each of its own type or of any."""
    keys = draw(st.lists(st.sampled_from(sorted(_FIELDS)), unique=True, max_size=len(_FIELDS)))
    return {key: draw(_FIELDS[key]) for key in keys}
