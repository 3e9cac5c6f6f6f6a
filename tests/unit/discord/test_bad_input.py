"""Input that is not a readable export, on tests/fixtures/discord/broken and files built here:
one problem per bad file or message, naming the file, the position and the reason in one line,
and every readable message of the file still read."""

import json
import os
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from trackers.discord.records import Channel, DiscordSeen, Message, Reaction, Server
from trackers.discord.sources.chat_export import read_chat_export

BROKEN = Path(__file__).parents[2] / "fixtures" / "discord" / "broken"
CHANNEL = {"id": "550982060605571075", "type": "GuildTextChat", "name": "general"}
GUILD = {"id": "550980550656131073", "name": "Boost"}

type Read = DiscordSeen | SourceProblem


def read(path: Path) -> list[Read]:
    return list(read_chat_export(path))


def problems(items: list[Read]) -> list[tuple[str, str]]:
    return [(item.position, item.reason) for item in items if isinstance(item, SourceProblem)]


def export(tmp_path: Path, document: object, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def message(message_id: str = "1213032982634430465", **changes: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": message_id,
        "type": "Default",
        "timestamp": "2024-03-01T08:00:00.123+00:00",
        "content": "hi",
        "author": {"id": "176256398131331076", "name": "ann.archer", "discriminator": "0000"},
    }
    item.update(changes)
    return item


def test_each_unreadable_message_is_one_problem_and_the_readable_ones_are_read() -> None:
    # given an export whose messages hold every kind of wrong value between two good ones
    items = read(BROKEN / "bad_messages.json")

    # then each bad message is one problem at its id and index, in one line, and the rest read
    assert problems(items) == [
        ("item 1", "not a message object but a number"),
        ("item 2", "id should be a snowflake id, not 'general-1'"),
        ("message 1213032982634431468 (item 3)", "author should be an object, not 'ann.archer'"),
        (
            "message 1213032982634431469 (item 4)",
            "timestamp is not an ISO 8601 date: 'yesterday at 10:15'",
        ),
        ("message 1213032982634431470 (item 5)", "reactions[0].emoji is missing"),
        (
            "message 1213032982634431471 (item 6)",
            "attachments should be an array, not 'modules.png'",
        ),
        ("item 7", "id is missing"),
        (
            "message 1213032982634431473 (item 8)",
            "reactions[0].emoji.name is empty, and the emoji has no id",
        ),
        ("message 1213032982634431474 (item 9)", "isPinned should be true or false, not 'yes'"),
        (
            "message 1213032982634431475 (item 10)",
            "mentions[0].id should be a snowflake id, not true",
        ),
        (
            "message 1213032982634431476 (item 11)",
            "reactions[0].emoji.name is 101 characters long: no emoji is longer than 100",
        ),
    ]
    assert [item.message_id for item in items if isinstance(item, Message)] == [
        1213032982634430465,
        1213034040995741698,
    ]
    assert all(
        item.path.endswith("bad_messages.json") for item in items if isinstance(item, SourceProblem)
    )


@pytest.mark.parametrize(
    ("name", "position", "reason"),
    [
        ("html_error_page.json", "line 1 column 1", "not valid JSON: Expecting value"),
        ("truncated.json", "line 104 column 20", "not valid JSON: Unterminated string starting at"),
        ("slack_export.json", "", "not a JSON object but an array"),
        ("no_channel.json", "", "not a DiscordChatExporter export: no channel object"),
        ("bad_channel_id.json", "", "channel.id should be a snowflake id, not 'general'"),
        (
            "powershell_utf16.json",
            "byte 0",
            "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)",
        ),
    ],
)
def test_a_file_that_is_no_readable_export_is_one_problem_and_nothing_else(
    name: str, position: str, reason: str
) -> None:
    items = read(BROKEN / name)

    assert items == [SourceProblem(str(BROKEN / name), position, reason)]


def test_an_export_without_a_messages_list_says_so_after_its_header() -> None:
    items = read(BROKEN / "no_messages.json")

    assert [type(item) for item in items] == [Server, Channel, SourceProblem]
    assert problems(items) == [("", "not a DiscordChatExporter export: no messages list")]


def test_an_export_time_that_is_no_date_is_reported_and_its_records_kept_undated() -> None:
    # given an export whose exportedAt is written in a locale's format
    items = read(BROKEN / "bad_exported_at.json")

    # then that is reported, skipping nothing, and the records are read as of no known date
    [problem] = [item for item in items if isinstance(item, SourceProblem)]
    assert (problem.position, problem.skipped) == ("exportedAt", False)
    assert problem.reason == (
        "exportedAt is not an ISO 8601 date: '04/03/2024 10:00:00';"
        " its records are kept, as of no known date"
    )
    header = [item for item in items if isinstance(item, Server | Channel)]
    assert len(header) == 2 and all(item.seen_at is None for item in header)
    assert [type(item) for item in items].count(Message) == 1


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"channel": CHANNEL, "messages": []}, "not a DiscordChatExporter export: no guild object"),
        ({"messages": []}, "not a DiscordChatExporter export: no guild and no channel object"),
        (
            {"guild": GUILD, "channel": "general"},
            "not a DiscordChatExporter export: no channel object",
        ),
        ({"guild": {"name": "x"}, "channel": CHANNEL}, "guild.id is missing"),
        (
            {"guild": GUILD, "channel": dict(CHANNEL, name=7)},
            "channel.name should be a string, not 7",
        ),
        (
            {"guild": GUILD, "channel": dict(CHANNEL, categoryId="-1")},
            "channel.categoryId should be a snowflake id, not '-1'",
        ),
    ],
)
def test_a_header_that_cannot_be_read_is_a_problem_of_the_whole_file(
    tmp_path: Path, document: dict[str, object], reason: str
) -> None:
    path = export(tmp_path, document)

    assert read(path) == [SourceProblem(str(path), "", reason)]


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (message(timestamp=1709280000), "timestamp should be a string, not 1709280000"),
        (
            message(timestampEdited="2024-13-01T00:00:00+00:00"),
            "timestampEdited is not an ISO 8601 date: '2024-13-01T00:00:00+00:00'",
        ),
        (message(content=["hi"]), "content should be a string, not an array"),
        (message(author={"name": "ann"}), "author.id is missing"),
        (message(mentions={"id": "1"}), "mentions should be an array, not an object"),
        (message(mentions=["ann"]), "mentions[0] should be an object, not 'ann'"),
        (
            message(reactions=[{"emoji": "👍", "count": 1}]),
            "reactions[0].emoji should be an object, not '👍'",
        ),
        (
            message(reactions=[{"emoji": {"name": "👍"}, "count": -1}]),
            "reactions[0].count should be a count, not -1",
        ),
        (
            message(reactions=[{"emoji": {"name": "👍"}, "count": True}]),
            "reactions[0].count should be a count, not true",
        ),
        (
            message(reference={"messageId": 1.5}),
            "reference.messageId should be a snowflake id, not 1.5",
        ),
        (message(reference="1213"), "reference should be an object, not '1213'"),
        (message(id="1" * 21), f"id should be a snowflake id, not '{'1' * 21}'"),
    ],
)
def test_a_message_field_of_the_wrong_type_or_form_is_named_in_its_problem(
    tmp_path: Path, item: dict[str, object], reason: str
) -> None:
    path = export(tmp_path, {"guild": GUILD, "channel": CHANNEL, "messages": [item, message("2")]})

    items = read(path)

    position = "item 0" if item["id"] == "1" * 21 else "message 1213032982634430465 (item 0)"
    assert problems(items) == [(position, reason)]
    assert [item.message_id for item in items if isinstance(item, Message)] == [2]


def test_a_wrong_value_is_quoted_short_and_on_one_line(tmp_path: Path) -> None:
    path = export(
        tmp_path,
        {"guild": GUILD, "channel": CHANNEL, "messages": [message(timestamp="x\n" * 500)]},
    )

    [(_, reason)] = problems(read(path))

    assert "\n" not in reason and len(reason) < 120


def test_nul_and_lone_surrogates_are_cleaned_from_every_text(tmp_path: Path) -> None:
    # given text with a NUL and a lone surrogate escape, which no database stores
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            {
                "guild": dict(GUILD, name="Bo\u0000ost"),
                "channel": dict(CHANNEL, topic="a \ud800 b"),
                "messages": [message(content="nul\u0000 and \udc00 surrogate")],
            }
        )
    )

    server, channel, found = read(path)

    assert isinstance(server, Server) and server.name == "Boost"
    assert isinstance(channel, Channel) and channel.topic == "a \ufffd b"
    assert isinstance(found, Message) and found.content == "nul and \ufffd surrogate"


def test_ids_beyond_64_bits_are_read_as_numbers_for_the_ingest_to_refuse(tmp_path: Path) -> None:
    # given a message whose id is a 20-digit number no 64-bit column holds
    path = export(
        tmp_path,
        {"guild": GUILD, "channel": CHANNEL, "messages": [message("99999999999999999999")]},
    )

    # then the reader passes it on: the ingest refuses the record with the range it holds
    [*_, found] = read(path)
    assert isinstance(found, Message) and found.message_id == 99999999999999999999


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON: Expecting value"),
        (b"[" * 100_000, "not valid JSON that can be read: nested too deeply"),
        (b"\xff\xfe{", "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)"),
    ],
)
def test_an_empty_a_nested_or_a_mis_encoded_file_is_one_problem(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)

    [problem] = read(path)

    assert isinstance(problem, SourceProblem) and problem.reason == reason


def test_a_folder_or_a_fifo_named_as_an_export_is_one_problem_without_blocking(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    for path in (tmp_path, fifo, tmp_path / "missing.json"):
        [problem] = read(path)
        assert isinstance(problem, SourceProblem) and problem.position == ""
        assert problem.reason.startswith("cannot open"), problem


def test_reactions_are_read_only_for_a_message_that_reads_whole(tmp_path: Path) -> None:
    # given a message whose first reaction is fine and whose second is not
    bad = message(
        reactions=[{"emoji": {"id": "", "name": "👍"}, "count": 1}, {"emoji": {"id": "x"}}]
    )
    path = export(tmp_path, {"guild": GUILD, "channel": CHANNEL, "messages": [bad]})

    # then neither the message nor any of its reactions is read: it is one problem
    items = read(path)
    assert not [item for item in items if isinstance(item, Message | Reaction)]
    assert problems(items) == [
        (
            "message 1213032982634430465 (item 0)",
            "reactions[1].emoji.id should be a snowflake id, not 'x'",
        )
    ]
