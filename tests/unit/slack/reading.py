"""Reading an export in the tests: what the reader yields, sorted by kind."""

import zipfile
from pathlib import Path

import attrs

from core.protocols.ingest import SourceProblem
from trackers.slack.records import (
    Channel,
    ChannelSeen,
    MembershipChange,
    MembershipChangeSeen,
    Message,
    MessageSeen,
    SlackSeen,
    Team,
    User,
    UserSeen,
)
from trackers.slack.sources.slack_export import read_slack_export

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "slack"


@attrs.frozen
class Read:
    teams: list[Team]
    users: dict[str, UserSeen]
    channels: dict[str, ChannelSeen]
    messages: dict[tuple[str, str], MessageSeen]
    changes: dict[tuple[str, str], MembershipChangeSeen]
    problems: list[SourceProblem]
    order: list[SlackSeen | SourceProblem]


def read(path: Path) -> Read:
    found = list(read_slack_export(path))
    return Read(
        teams=[item for item in found if isinstance(item, Team)],
        users={item.user_id: item for item in found if isinstance(item, User)},
        channels={item.channel_id: item for item in found if isinstance(item, Channel)},
        messages={(item.channel_id, item.ts): item for item in found if isinstance(item, Message)},
        changes={
            (item.channel_id, item.ts): item for item in found if isinstance(item, MembershipChange)
        },
        problems=[item for item in found if isinstance(item, SourceProblem)],
        order=found,
    )


def zipped(folder: Path, archive: Path, prefix: str = "") -> Path:
    """``folder`` zipped as Slack zips an export (its files at the top), or under ``prefix``."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as made:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                made.write(path, prefix + path.relative_to(folder).as_posix())
    return archive
