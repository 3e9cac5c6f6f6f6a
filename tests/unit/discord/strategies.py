"""Hypothesis strategies for Discord: DiscordChatExporter JSON as exports write it (users,
messages, whole exports, with the quirks of formats.md), and the records the reader yields."""

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from core.protocols.claims import DiscordUserClaim
from trackers.discord.records import Channel, MessageSeen, ReactionSeen, Server

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
# Ids of a few people, channels and messages, so that they repeat across items.
USER_IDS = [176256398131331076, 280035223142531077, 716984392089731078, 480933996134531079]
MESSAGE_IDS = [1213032982634430465 + n for n in range(6)]
CHANNEL_IDS = [550982060605571075, 1213034240409731083]
SERVER_IDS = [550980550656131073, 755096270930051075]
T0 = datetime(2024, 3, 1, 8, tzinfo=UTC)

# DiscordChatExporter writes local time with its offset, unless run with --utc.
offsets = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
)
moments = st.datetimes(
    min_value=datetime(2015, 5, 13),  # noqa: DTZ001 - bounds of a naive range, zoned below
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=offsets,
)


@st.composite
def timestamps(draw: st.DrawFn) -> tuple[str, datetime]:
    """A timestamp as System.Text.Json writes one (0 to 7 fractional digits, trailing zeros
    trimmed, an offset), and the instant it names."""
    moment = draw(moments)
    # A seventh digit, tenths of a microsecond, is more than a datetime holds: it is dropped.
    digits = f"{moment.microsecond:06d}{draw(st.integers(0, 9))}"[: draw(st.integers(0, 7))]
    fraction = digits.rstrip("0")
    written = moment.isoformat(timespec="seconds")
    head, offset = written[:19], written[19:]
    instant = moment.replace(microsecond=int(fraction[:6].ljust(6, "0")))
    return f"{head}{'.' + fraction if fraction else ''}{offset}", instant.astimezone(UTC)


@st.composite
def user_objects(draw: st.DrawFn) -> dict[str, object]:
    """An author, a mention or a user who reacted; older exports have no nickname."""
    user_id = draw(st.sampled_from(USER_IDS))
    user: dict[str, object] = {
        "id": str(user_id),
        "name": draw(st.sampled_from(["ann.archer", "bob", "武", "Deleted User"])),
        "discriminator": draw(st.sampled_from(["0000", "4821"])),
        "isBot": draw(st.booleans()),
        "avatarUrl": draw(
            st.sampled_from(
                [
                    f"https://cdn.discordapp.com/avatars/{user_id}/a1b2c3.png?size=512",
                    "chat.json_Files\\avatar-5A3F.png",
                ]
            )
        ),
    }
    if draw(st.booleans()):
        user["nickname"] = draw(text)
    return user


@st.composite
def reaction_objects(draw: st.DrawFn) -> dict[str, object]:
    custom = draw(st.booleans())
    reaction: dict[str, object] = {
        "emoji": {
            "id": "562637360332931081" if custom else draw(st.sampled_from(["", None])),
            "name": draw(
                st.sampled_from(["boost", "beast"]) if custom else st.sampled_from("👍🎉❤")
            ),
            "isAnimated": False,
        },
        "count": draw(st.integers(1, 10_000)),
    }
    if draw(st.booleans()):
        reaction["users"] = draw(st.lists(user_objects(), max_size=3))
    return reaction


@st.composite
def message_objects(draw: st.DrawFn) -> dict[str, object]:
    written, _ = draw(timestamps())
    edited = draw(st.none() | timestamps())
    message: dict[str, object] = {
        "id": str(draw(st.sampled_from(MESSAGE_IDS))),
        "type": draw(st.sampled_from(["Default", "Reply", "GuildMemberJoin", "Call"])),
        "timestamp": written,
        "timestampEdited": None if edited is None else edited[0],
        "isPinned": draw(st.booleans()),
        "content": draw(text),
        "author": draw(user_objects()),
        "attachments": [{"fileName": "a.png"}] * draw(st.integers(0, 2)),
        "embeds": [],
        "reactions": draw(st.lists(reaction_objects(), max_size=3)),
        "mentions": draw(st.lists(user_objects(), max_size=2)),
    }
    if draw(st.booleans()):
        message["reference"] = {"messageId": str(draw(st.sampled_from(MESSAGE_IDS)))}
    return message


@st.composite
def exports(draw: st.DrawFn) -> dict[str, Any]:
    """A whole export: a server's channel or a direct chat, with or without exportedAt."""
    direct = draw(st.booleans())
    document: dict[str, Any] = {
        "guild": {"id": "0", "name": "Direct Messages"}
        if direct
        else {"id": str(draw(st.sampled_from(SERVER_IDS))), "name": draw(text)},
        "channel": {
            "id": str(draw(st.sampled_from(CHANNEL_IDS))),
            "type": "DirectTextChat" if direct else "GuildTextChat",
            "name": draw(text),
        },
        "dateRange": {"after": None, "before": None},
    }
    if draw(st.booleans()):
        document["exportedAt"] = draw(timestamps())[0]
    document["messages"] = draw(st.lists(message_objects(), max_size=6))
    document["messageCount"] = len(document["messages"])
    return document


# -- the records the reader yields, for the ingest properties --------------------------------

users = st.builds(
    DiscordUserClaim,
    st.sampled_from(USER_IDS),
    username=st.sampled_from(["ann.archer", "bob#4821", ""]),
    display_name=st.sampled_from(["Ann Archer", "Bobby", ""]),
)
seen_at = st.none() | st.sampled_from([T0, T0 + timedelta(days=1)])
servers = st.builds(Server, st.sampled_from(SERVER_IDS), name=text, seen_at=seen_at)
channels = st.builds(
    Channel,
    st.sampled_from(CHANNEL_IDS),
    server_id=st.none() | st.sampled_from(SERVER_IDS),
    name=text,
    topic=text,
    seen_at=seen_at,
)
messages = st.builds(
    MessageSeen,
    st.sampled_from(MESSAGE_IDS),
    st.sampled_from(CHANNEL_IDS),
    kind=st.sampled_from(["Default", "Reply"]),
    author=st.none() | users,
    sent_at=st.just(T0),
    edited_at=st.none() | st.sampled_from([T0 + timedelta(minutes=1), T0 + timedelta(hours=1)]),
    content=text,
    attachment_count=st.none() | st.integers(0, 3),
    mentions=st.none() | st.lists(users, max_size=3).map(tuple),
)
reactions = st.builds(
    ReactionSeen,
    st.sampled_from(MESSAGE_IDS),
    st.sampled_from(["👍", "562637360332931081"]),
    count=st.none() | st.integers(1, 5),
    users=st.none() | st.lists(users, max_size=3).map(tuple),
    seen_at=seen_at,
)
records = st.one_of(servers, channels, messages, reactions)
