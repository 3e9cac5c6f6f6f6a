"""What the Slack tracker stores and how: its record types, for the kit's ingest engine.

Merge rules follow what changes in Slack. A user carries the time their profile was last
updated, and the newer sighting wins. A channel is renamed, archived, joined and left, and an
export tells nothing of when, so each is dated by the last day of its export: a later
export's description wins, an older one only fills in. A message is edited and gains replies:
its ``updated_at`` (its last edit or latest reply) decides the same way. A team's name and a
join or leave do not change: what is known stays and a sighting fills in the rest.

Erasure: a user erased on request leaves their messages in place, with no author and no
text; their user record loses every name, title and time zone; channels, mentions and
membership changes no longer name them.
"""

from core.protocols.refs import SlackUserRef
from core.protocols.trackers import FillGaps, NewerWins, RecordType, Redact, Source, Tracker
from trackers.slack.records import Channel, MembershipChange, Message, Team, User
from trackers.slack.sources.fingerprint import export_fingerprint
from trackers.slack.sources.slack_export import read_slack_export

type ChannelKey = tuple[str, str]  # (channel id, ts)

TEAMS = RecordType[Team, str]("slack.team", Team, ("team_id",), FillGaps())
USERS = RecordType[User[SlackUserRef], str](
    "slack.user",
    User,
    ("user_id",),
    NewerWins(),
    erased=Redact(("name", "real_name", "display_name", "title", "time_zone"), by=("account",)),
)
CHANNELS = RecordType[Channel[SlackUserRef], str](
    "slack.channel", Channel, ("channel_id",), NewerWins(at="as_of")
)
MESSAGES = RecordType[Message[SlackUserRef], ChannelKey](
    "slack.message",
    Message,
    ("channel_id", "ts"),
    NewerWins(),
    erased=Redact(("text",), by=("author",)),
)
MEMBERSHIP_CHANGES = RecordType[MembershipChange[SlackUserRef], ChannelKey](
    "slack.membership_change", MembershipChange, ("channel_id", "ts"), FillGaps()
)

SLACK = Tracker(
    "slack",
    record_types=(TEAMS, USERS, CHANNELS, MESSAGES, MEMBERSHIP_CHANGES),
    unreadable="slack.item",
    sources=(
        Source(
            "slack-export",
            "Slack workspace exports: a zip archive or the folder it unzips to, each path one"
            " export (users.json, channels.json, groups.json, mpims.json, dms.json and one"
            " JSON file per channel per day)",
            read_slack_export,
            fingerprint=export_fingerprint,
        ),
    ),
)
