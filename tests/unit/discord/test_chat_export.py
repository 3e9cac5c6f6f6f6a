"""Reading DiscordChatExporter JSON exports, on the fixtures of tests/fixtures/discord/exports:
one per quirk of real exports (part files, threads, direct and group chats, timestamps, local
asset paths, deleted users, repeated ids, emoji ids, older releases)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.protocols.claims import DiscordUserClaim
from core.protocols.ingest import SourceProblem
from trackers.discord.records import Channel, DiscordSeen, Message, Reaction, Server
from trackers.discord.sources.chat_export import read_chat_export
from trackers.discord.sources.people import user_claim
from trackers.discord.sources.values import Node

EXPORTS = Path(__file__).parents[2] / "fixtures" / "discord" / "exports"
GENERAL = "Boost C++ Libraries - Text Channels - general [550982060605571075]"
THREAD = "Boost C++ Libraries - general - Boost.JSON and C++20 modules [1213034240409731083]"

SERVER = 550980550656131073
CATEGORY = 550981808947331074
CHANNEL = 550982060605571075
ANN = DiscordUserClaim(
    176256398131331076,
    username="ann.archer",
    display_name="Ann Archer",
    avatar_url="https://cdn.discordapp.com/avatars/176256398131331076/a_3f2c9e1b7d.gif?size=512",
)
BOB = DiscordUserClaim(
    280035223142531077,
    username="bob#4821",
    display_name="Bobby",
    avatar_url="https://cdn.discordapp.com/avatars/280035223142531077/9b8e7d6c5a.png?size=512",
)
FIRST = 1213032982634430465
REPLY = 1213034040995741698
ATTACHED = 1213051872341000195
JOINED = 1213448218256474116
PIN = 1213455774253187077
BUILD = 1213889920364576774


def read(name: str) -> list[DiscordSeen]:
    """The records of a fixture; fails on any problem."""
    items = list(read_chat_export(EXPORTS / name))
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    return [item for item in items if not isinstance(item, SourceProblem)]


def messages(name: str) -> dict[int, Message[DiscordUserClaim]]:
    return {item.message_id: item for item in read(name) if isinstance(item, Message)}


def reactions(name: str) -> dict[str, Reaction[DiscordUserClaim]]:
    return {item.emoji: item for item in read(name) if isinstance(item, Reaction)}


def only[T](kind: type[T], items: list[DiscordSeen]) -> T:
    [found] = [item for item in items if isinstance(item, kind)]
    return found


def test_an_export_gives_its_server_its_channel_then_each_message_with_its_reactions() -> None:
    # when the first part of a channel's export is read
    items = read(f"{GENERAL} [part 1].json")

    # then the header comes first, and each message is followed by its reactions
    assert [type(item).__name__ for item in items] == [
        "Server",
        "Channel",
        "Message",
        "Reaction",
        "Reaction",
        "Message",
        "Message",
        "Message",
    ]
    assert items[0] == Server(
        SERVER,
        name="Boost C++ Libraries",
        icon_url=f"https://cdn.discordapp.com/icons/{SERVER}/5e4d3c2b1a.png?size=512",
        seen_at=datetime(2024, 3, 4, 10, 0, 0, 512345, tzinfo=UTC),
    )
    assert items[1] == Channel(
        CHANNEL,
        server_id=SERVER,
        kind="GuildTextChat",
        name="general",
        parent_id=CATEGORY,
        parent_name="Text Channels",
        topic="General chat about Boost — ünïcødé welcome",
        seen_at=datetime(2024, 3, 4, 10, 0, 0, 512345, tzinfo=UTC),
    )


def test_a_message_is_read_whole() -> None:
    first = messages(f"{GENERAL} [part 1].json")[FIRST]

    assert first == Message(
        message_id=FIRST,
        channel_id=CHANNEL,
        kind="Default",
        author=ANN,
        sent_at=datetime(2024, 3, 1, 8, 0, 0, 123000, tzinfo=UTC),
        edited_at=None,
        call_ended_at=None,
        content="Has anyone tried Boost.JSON with C++20 modules? 🚀",
        is_pinned=False,
        reference_id=None,
        attachment_count=0,
        mentions=(),
    )


def test_a_reply_names_the_message_it_answers_and_its_edit_and_mentions_are_read() -> None:
    reply = messages(f"{GENERAL} [part 1].json")[REPLY]

    assert (reply.kind, reply.reference_id) == ("Reply", FIRST)
    assert reply.edited_at == datetime(2024, 3, 1, 8, 6, 40, 120000, tzinfo=UTC)
    assert reply.mentions == (ANN,)


def test_a_message_of_attachments_only_has_empty_content_and_its_attachments_counted() -> None:
    attached = messages(f"{GENERAL} [part 1].json")[ATTACHED]

    assert (attached.content, attached.attachment_count, attached.is_pinned) == ("", 1, True)


def test_system_messages_are_messages_of_their_kind() -> None:
    part1 = messages(f"{GENERAL} [part 1].json")
    part2 = messages(f"{GENERAL} [part 2].json")

    assert (part1[JOINED].kind, part1[JOINED].content) == ("GuildMemberJoin", "Joined the server.")
    assert (part2[PIN].kind, part2[PIN].reference_id) == ("ChannelPinnedMessage", ATTACHED)


def test_the_parts_of_one_channel_name_the_same_channel_and_hold_their_own_messages() -> None:
    # when both part files of one long channel are read
    part1, part2 = (read(f"{GENERAL} [part {n}].json") for n in (1, 2))

    # then both name the same channel, each as its export says, and split the messages
    assert only(Channel, part1).channel_id == only(Channel, part2).channel_id == CHANNEL
    assert only(Channel, part1).seen_at < only(Channel, part2).seen_at  # type: ignore[operator]
    ids1 = {item.message_id for item in part1 if isinstance(item, Message)}
    ids2 = {item.message_id for item in part2 if isinstance(item, Message)}
    assert ids1 == {FIRST, REPLY, ATTACHED, JOINED}
    assert ids2 == {PIN, BUILD}


def test_a_legacy_name_keeps_its_discriminator_and_a_new_style_name_stands_alone() -> None:
    part1 = messages(f"{GENERAL} [part 1].json")
    bot = messages(f"{GENERAL} [part 2].json")[BUILD].author

    assert part1[FIRST].author == ANN  # discriminator "0000"
    assert part1[REPLY].author == BOB  # discriminator "4821"
    assert bot is not None and (bot.username, bot.is_bot) == ("Boost CI#8326", True)


def test_a_thread_sits_in_the_channel_its_category_names() -> None:
    thread = only(Channel, read(f"{THREAD}.json"))

    assert (thread.kind, thread.name) == ("GuildPublicThread", "Boost.JSON and C++20 modules")
    assert (thread.parent_id, thread.parent_name, thread.server_id) == (CHANNEL, "general", SERVER)
    assert thread.topic == ""  # null


def test_direct_and_group_chats_belong_to_no_server() -> None:
    # when a direct chat and a group chat, exported under the pseudo-server 0, are read
    direct = read("Direct Messages - bob [863147497881731086].json")
    group = read("Direct Messages - Private - release-crew [1037289966796931089].json")

    # then there is no server record, and the channels belong to none
    assert not [item for item in direct + group if isinstance(item, Server)]
    assert (only(Channel, direct).kind, only(Channel, direct).server_id) == (
        "DirectTextChat",
        None,
    )
    assert (only(Channel, group).kind, only(Channel, group).parent_id) == (
        "DirectGroupTextChat",
        None,
    )


def test_a_call_has_the_time_it_ended() -> None:
    group = messages("Direct Messages - Private - release-crew [1037289966796931089].json")
    [call] = [message for message in group.values() if message.kind == "Call"]

    assert call.call_ended_at == datetime(2024, 2, 1, 16, 12, 0, 875000, tzinfo=UTC)
    assert len(call.mentions or ()) == 2


def test_timestamps_of_2_to_7_fractional_digits_and_any_offset_are_read_in_utc() -> None:
    # given timestamps as System.Text.Json writes them: trailing zeros trimmed, local offsets
    found = [message.sent_at for message in messages("timestamps.json").values()]

    # then each is the instant it names, in UTC, a seventh digit beyond what a datetime holds
    assert found == [
        datetime(2020, 7, 4, 15, 49, 15, 20000, tzinfo=UTC),  # .02+00:00
        datetime(2020, 7, 4, 15, 49, 16, 193000, tzinfo=UTC),  # .193+05:30
        datetime(2020, 7, 4, 15, 49, 17, 123400, tzinfo=UTC),  # .1234-08:00
        datetime(2020, 7, 4, 15, 49, 18, 123450, tzinfo=UTC),  # .12345+02:00
        datetime(2020, 7, 4, 15, 49, 19, 123456, tzinfo=UTC),  # .123456+14:00
        datetime(2020, 7, 4, 15, 49, 20, 123456, tzinfo=UTC),  # .1234567+00:00
        datetime(2020, 7, 4, 15, 49, 21, tzinfo=UTC),  # no fraction at all
    ]
    assert all(moment is not None and moment.tzinfo is UTC for moment in found)


def test_an_edit_time_and_the_export_time_with_their_offsets_are_read_in_utc() -> None:
    items = read("timestamps.json")
    edited = [item.edited_at for item in items if isinstance(item, Message) if item.edited_at]

    assert edited == [datetime(2020, 7, 4, 15, 50, 0, 500000, tzinfo=UTC)]  # .5+05:30
    assert only(Server, items).seen_at == datetime(2020, 7, 6, 8, 0, 0, 123456, tzinfo=UTC)


def test_windows_style_relative_asset_paths_are_no_avatars_or_icons() -> None:
    # given an export taken with --media on Windows: every asset a relative path with backslashes
    items = read("media_export.json")
    found = messages("media_export.json")

    # then no local path passes for a web address, and the attachments are still counted
    assert only(Server, items).icon_url == ""
    authors = [message.author for message in found.values()]
    assert [(a.discord_user_id, a.avatar_url) for a in authors if a is not None] == [
        (ANN.discord_user_id, ""),
        (BOB.discord_user_id, ""),  # C:\Users\bob\exports\avatars\bob.png
    ]
    [reaction] = reactions("media_export.json").values()
    assert [user.avatar_url for user in reaction.users or ()] == [""]
    assert [message.attachment_count for message in found.values()] == [2, 0]


def test_a_deleted_account_keeps_its_id_but_says_no_name_and_the_shared_placeholder_is_nobody() -> (
    None
):
    # given messages of a deleted account, old style and new style, and of Discord's placeholder
    found = list(messages("deleted_users.json").values())

    # then the deleted accounts stay people of their own, with no name or avatar to overwrite
    # what an earlier export knew, and the placeholder is nobody, as author or as mention
    assert [message.author for message in found] == [
        DiscordUserClaim(352965781094531112),  # "Deleted User"
        DiscordUserClaim(799427631513731113),  # "deleted_user_5c3f9e0a1b2d"
        None,  # 456226577798135808
    ]
    assert [user.discord_user_id for user in found[2].mentions or ()] == [ANN.discord_user_id]


def test_the_same_message_id_twice_in_one_export_is_read_twice_as_the_same_message() -> None:
    # when an export holding one message twice is read
    items = read("duplicate_ids.json")

    # then both sightings come out equal: the ingest keys them into one record
    twice = [item for item in items if isinstance(item, Message) and item.is_pinned]
    assert len(twice) == 2 and twice[0] == twice[1]
    assert len([item for item in items if isinstance(item, Reaction)]) == 2


def test_emoji_ids_empty_or_null_key_a_standard_emoji_by_itself_and_a_custom_one_by_its_id() -> (
    None
):
    found = reactions("reactions.json")

    # then "" and null ids both mean a standard emoji, and a custom emoji is keyed by its id
    assert list(found) == ["👍", "👎", "562637360332931081", "👍🏽"]
    assert [(r.emoji_name, r.count) for r in found.values()] == [
        ("👍", 3),
        ("👎", 1),  # its id is null
        ("boost", 2),
        ("👍🏽", 1),
    ]


def test_the_users_of_a_reaction_are_read_when_the_export_lists_them() -> None:
    found = reactions("reactions.json")

    thumbs_up = found["👍"].users or ()
    assert [(u.username, u.is_bot) for u in thumbs_up] == [
        ("ann.archer", False),
        ("bob#4821", False),
        ("Boost CI#8326", True),
    ]
    assert found["👍🏽"].users is None  # not listed: what is stored stays


def test_an_export_of_an_older_release_reads_without_nicknames_or_export_time() -> None:
    # given an export without exportedAt, nickname, roles, stickers or reacting users
    items = read("old_export.json")

    # then what it has is read and what it lacks is unknown
    assert only(Server, items).seen_at is None
    assert only(Channel, items).seen_at is None
    authors = [item.author for item in items if isinstance(item, Message)]
    assert [(a.username, a.display_name) for a in authors if a is not None] == [
        ("bob#4821", ""),
        ("ann.archer", ""),
    ]
    heart = only(Reaction, items)
    assert (heart.emoji, heart.count, heart.users, heart.seen_at) == ("❤️", 4, None, None)


@pytest.mark.parametrize(
    ("avatar", "kept"),
    [
        ("https://cdn.discordapp.com/avatars/1/a.png?size=512", True),
        ("HTTP://cdn.discordapp.com/embed/avatars/0.png", True),
        ("general.json_Files\\avatar-5A3F.png", False),  # --media on Windows
        ("general.json_Files/avatar-5A3F.png", False),  # --media elsewhere
        ("C:\\Users\\ann\\avatar.png", False),
        ("file:///home/ann/avatar.png", False),
        ("http://[::1", False),  # no address urllib can even split
        ("", False),
    ],
)
def test_only_a_web_address_is_an_avatar(avatar: str, kept: bool) -> None:
    user = Node({"id": "1", "name": "ann", "avatarUrl": avatar})

    claim = user_claim(user)

    assert claim is not None and claim.avatar_url == (avatar if kept else "")


@pytest.mark.parametrize(
    ("name", "discriminator", "username"),
    [
        ("ann.archer", "0000", "ann.archer"),
        ("ann.archer", "0", "ann.archer"),  # as some converters write a new-style name
        ("ann.archer", None, "ann.archer"),
        ("bob", "4821", "bob#4821"),
        ("", "4821", ""),
    ],
)
def test_a_username_carries_a_legacy_discriminator_only(
    name: str, discriminator: str | None, username: str
) -> None:
    claim = user_claim(Node({"id": "1", "name": name, "discriminator": discriminator}))

    assert claim is not None and claim.username == username
