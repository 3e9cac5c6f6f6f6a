"""Hypothesis strategies of a Slack export's items, as its JSON holds them, quirks included,
and of whole exports written to a folder."""

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

LISTED = ["U0ANN0001", "U0ANUJ002", "USLACKBOT"]
UNLISTED = ["U0GUEST01", "W0GRID001"]
BOTS = ["B0TRAVIS1", "B0CIBOT04"]
SUBTYPES = [
    None,
    "bot_message",
    "channel_join",
    "channel_leave",
    "group_join",
    "file_share",
    "file_comment",
    "me_message",
    "bot_add",
    "thread_broadcast",
    "tombstone",
]

# What a person may type: any script, emoji, and the characters databases refuse, which the
# reader strips (NUL) or replaces (lone surrogates).
text = st.text(st.characters(codec="utf-8") | st.sampled_from(["\x00", "\ud800"]), max_size=20)
people = st.sampled_from(LISTED + UNLISTED)
seconds = st.integers(min_value=1_300_000_000, max_value=1_800_000_000)
sequences = st.integers(min_value=0, max_value=999_999)
timestamps = st.builds(lambda s, n: f"{s}.{n:06d}", seconds, sequences)
# Mostly a ts, sometimes what a broken tool writes instead.
any_ts = timestamps | st.sampled_from(["", "soon", "1453994356"]) | st.integers() | st.none()


def mention(user_id: str, name: str | None) -> str:
    return f"<@{user_id}>" if name is None else f"<@{user_id}|{name}>"


message_text = st.builds(
    lambda before, mentioned, after: before + mentioned + after,
    text,
    st.builds(mention, people, st.none() | st.sampled_from(["ann", "guest.dev"])) | st.just(""),
    text,
)

user_profiles = st.fixed_dictionaries(
    {},
    optional={
        "name": st.sampled_from(["ann", "guest.dev"]),
        "real_name": st.sampled_from(["Zoë Nguyễn", "अनुज शर्मा", "田中 健"]),
        "display_name": text,
        "image_72": st.just("https://avatars.example.org/x_72.png"),
    },
)


@st.composite
def messages(draw: st.DrawFn) -> dict[str, Any]:
    """A message object of a day file: any subtype, the optional fields in any mix, and now
    and then a value of the wrong type where a tool wrote one."""
    message: dict[str, Any] = {"type": "message", "ts": draw(any_ts)}
    subtype = draw(st.sampled_from(SUBTYPES))
    if subtype is not None:
        message["subtype"] = subtype
    if subtype == "file_comment":
        message["comment"] = {"user": draw(people), "comment": draw(text)}
    elif subtype == "bot_message" and draw(st.booleans()):
        message["bot_id"] = draw(st.sampled_from(BOTS))
        message["username"] = draw(st.sampled_from(["travis-ci", "github"]))
    else:
        message["user"] = draw(people | st.none())
        if draw(st.booleans()):
            message["user_profile"] = draw(user_profiles)
    if subtype == "bot_add":
        message["bot_id"] = draw(st.sampled_from(BOTS))
    optional = st.fixed_dictionaries(
        {},
        optional={
            "text": message_text,
            "thread_ts": timestamps,
            "reply_count": st.integers(min_value=0, max_value=50) | st.just("2"),
            "latest_reply": timestamps,
            "replies": st.lists(st.fixed_dictionaries({"user": people, "ts": timestamps})),
            "edited": st.fixed_dictionaries({"user": people, "ts": timestamps}) | st.just("yes"),
            "reactions": st.lists(
                st.fixed_dictionaries(
                    {"name": st.sampled_from(["+1", "rocket", "tada"]), "count": st.integers(1, 9)},
                    optional={"users": st.lists(people, max_size=3)},
                ),
                max_size=3,
            )
            | st.just("lots"),
            "files": st.lists(
                st.fixed_dictionaries({"id": st.just("F0FILE001")}, optional={"name": text}),
                min_size=1,
                max_size=2,
            ),
            "attachments": st.lists(
                st.fixed_dictionaries({}, optional={"fallback": text, "title": text}),
                min_size=1,
                max_size=2,
            ),
            "team": st.sampled_from(["T0TEAM001", "T0OTHER02", "not a team"]),
        },
    )
    message.update(draw(optional))
    return message


day_items: st.SearchStrategy[list[object]] = st.lists(
    messages() | st.sampled_from([[], "x", 3, None]), max_size=12
)


def _unique_ts(days: list[list[object]]) -> list[list[object]]:
    """The days without a message whose ts an earlier one of the channel has: Slack's ts is
    unique within a channel, and an export repeating one is corrupt."""
    seen: set[str] = set()
    kept: list[list[object]] = []
    for items in days:
        kept.append([])
        for item in items:
            key = item.get("ts") if isinstance(item, dict) else None
            if isinstance(key, str) and key.strip() in seen:
                continue
            if isinstance(key, str):
                seen.add(key.strip())
            kept[-1].append(item)
    return kept


# The days of one channel's export.
exports = st.lists(day_items, min_size=1, max_size=3).map(_unique_ts)


def users_json() -> list[dict[str, Any]]:
    return [
        {"id": "U0ANN0001", "team_id": "T0TEAM001", "name": "ann", "real_name": "Ann Example",
         "profile": {"email": "ann@example.org", "display_name": "ann"}, "updated": 1502138686},
        {"id": "U0ANUJ002", "team_id": "T0TEAM001", "name": "anuj", "real_name": "अनुज शर्मा",
         "profile": {"real_name_normalized": "अनज शरम"}, "deleted": True, "updated": 1499310000},
        {"id": "USLACKBOT", "name": "slackbot", "real_name": "Slackbot", "is_bot": False},
    ]  # fmt: skip


def write_export(folder: Path, days: list[list[object]]) -> Path:
    """An export of one channel, ``general``, with a day file per list of items."""
    (folder / "general").mkdir(parents=True, exist_ok=True)
    (folder / "users.json").write_text(json.dumps(users_json()))
    channel = {"id": "C0GENERAL", "name": "general", "creator": "U0ANN0001", "members": LISTED}
    (folder / "channels.json").write_text(json.dumps([channel]))
    for day, items in enumerate(days, start=1):
        (folder / "general" / f"2016-01-{day:02d}.json").write_text(json.dumps(items))
    return folder
