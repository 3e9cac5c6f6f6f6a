"""What the reddit tracker stores and how: its record types, for the kit's ingest engine.

Scores, comment counts and edited texts change over time, and Reddit has no ``updated_at``:
the file a sighting was read from says when it was saved (``seen_at``, its modification
time), and a sighting strictly newer than the stored record wins; an older one, or one saved at
the same moment, only fills in what was unknown. A ``[deleted]`` author or body is read as
nothing known, so even a newer sighting of a deleted comment keeps who wrote it and what it
said, while its score still updates.

Erasure: a user erased on request leaves their submissions and comments in their threads,
with no author and no text (the title of a submission stays).
"""

from core.protocols.refs import RedditUserRef
from core.protocols.trackers import NewerWins, ProfilesOnly, RecordType, Redact, Source, Tracker
from trackers.reddit.records import Comment, Submission, UserSeen
from trackers.reddit.sources.reddit_json import read_reddit_json

type Fullname = str  # "t3_1abcde", "t1_kx9f2qz"

SUBMISSIONS = RecordType[Submission[RedditUserRef], Fullname](
    "reddit.submission",
    Submission,
    ("fullname",),
    NewerWins(at="seen_at"),
    erased=Redact(("selftext",), by=("author",)),
)
COMMENTS = RecordType[Comment[RedditUserRef], Fullname](
    "reddit.comment",
    Comment,
    ("fullname",),
    NewerWins(at="seen_at"),
    erased=Redact(("body",), by=("author",)),
)

REDDIT = Tracker(
    "reddit",
    record_types=(SUBMISSIONS, COMMENTS),
    unreadable="reddit.item",
    sources=(
        Source(
            "reddit-json",
            "saved responses of Reddit's JSON endpoints: listings of submissions and comments,"
            " comment pages, more-children responses and user abouts; files or folders of"
            " .json files",
            read_reddit_json,
            suffixes=(".json",),
        ),
    ),
    profiles_only=(ProfilesOnly(UserSeen, "reddit.user {r.user.username}"),),
)
