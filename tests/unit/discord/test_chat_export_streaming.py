"""Exports too big to load whole are streamed one message at a time, their header read beside
the message list without building it; and, as properties, any export reads into one message
per message object, the same loaded or streamed.

LOAD_WHOLE_UP_TO is set to 0 here so that the small fixtures take the streaming path, which
must read them as json.load does; only a fault in the file is told differently, by byte offset.
"""

import json
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from core.protocols.ingest import SourceProblem
from core.sources import json_files
from tests.unit.discord.strategies import exports, timestamps
from trackers.discord.records import Channel, DiscordSeen, Message, Reaction, Server
from trackers.discord.sources.chat_export import read_chat_export

FIXTURES = Path(__file__).parents[2] / "fixtures" / "discord"


# Every good export, and the broken ones that are JSON still: streaming must read them alike.
READABLE = [
    *sorted(f"exports/{path.name}" for path in (FIXTURES / "exports").glob("*.json")),
    *(
        f"broken/{name}.json"
        for name in (
            "bad_channel_id",
            "bad_exported_at",
            "bad_messages",
            "no_channel",
            "no_messages",
            "slack_export",
        )
    ),
]

type Read = DiscordSeen | SourceProblem


def read(path: Path) -> list[Read]:
    return list(read_chat_export(path))


def read_streamed(path: Path) -> list[Read]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
        return read(path)


def test_the_fixtures_cover_every_quirk_and_the_readable_broken_files_are_json() -> None:
    assert len([name for name in READABLE if name.startswith("exports/")]) == 11
    for name in READABLE:
        json.loads((FIXTURES / name).read_bytes())


@pytest.mark.parametrize("name", READABLE)
def test_a_streamed_export_reads_as_the_loaded_one(name: str) -> None:
    # given a fixture read whole, then streamed
    loaded, streamed = read(FIXTURES / name), read_streamed(FIXTURES / name)

    # then the same records and problems come out, in the same order
    assert streamed == loaded


def test_a_streamed_export_cut_short_keeps_its_header_and_the_messages_before_the_cut() -> None:
    # given an export cut inside its second message, streamed
    path = FIXTURES / "broken" / "truncated.json"

    items = read_streamed(path)

    # then its header and first message (with its reactions) are read, then one problem
    assert [type(item) for item in items] == [
        Server,
        Channel,
        Message,
        Reaction,
        Reaction,
        SourceProblem,
    ]
    assert items[-1] == SourceProblem(
        str(path),
        f"byte {path.stat().st_size}",
        "not valid JSON: the file ends before the JSON does",
    )


def _big_export(path: Path, messages: int) -> None:
    """An export of ``messages`` messages of 1 KB each, written as DiscordChatExporter does:
    the header, then the messages, then their count."""
    with path.open("w", encoding="utf-8") as file:
        file.write('{"guild": {"id": "550980550656131073", "name": "Boost"},\n')
        file.write('"channel": {"id": "550982060605571075", "type": "GuildTextChat"},\n')
        file.write('"exportedAt": "2024-03-04T10:00:00.5123456+00:00",\n"messages": [\n')
        for n in range(messages):
            item = {
                "id": str(1213032982634430465 + n),
                "type": "Default",
                "timestamp": "2024-03-01T08:00:00.123+00:00",
                "content": "x" * 1000,
                "author": {"id": "176256398131331076", "name": "ann.archer"},
                "reactions": [{"emoji": {"id": "", "name": "👍"}, "count": 1}],
            }
            file.write(("," if n else "") + json.dumps(item) + "\n")
        file.write(f'],\n"messageCount": {messages}}}\n')


def test_a_big_export_is_read_one_message_at_a_time(tmp_path: Path) -> None:
    # given an export of 4 MB, streamed as one beyond LOAD_WHOLE_UP_TO is
    path = tmp_path / "big.json"
    _big_export(path, 4000)
    size = path.stat().st_size

    # when its records are read one after the other, none kept
    def records() -> Iterator[Read]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
            yield from read_chat_export(path)

    tracemalloc.start()
    try:
        counted = sum(1 for item in records() if isinstance(item, Message))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then every message is read, and at no time was the message list held
    assert counted == 4000
    assert peak < size // 8, (peak, size)


@settings(max_examples=50, deadline=None)
@given(exports())
def test_any_export_reads_into_one_message_per_message_object_loaded_or_streamed(
    document: dict[str, Any],
) -> None:
    # given an export as DiscordChatExporter writes one
    with _written(document) as path:
        # when it is read whole and streamed
        loaded, streamed = read(path), read_streamed(path)

    # then nothing is a problem, and each message object is one message, in order
    assert loaded == streamed
    assert not [item for item in loaded if isinstance(item, SourceProblem)]
    found = [item for item in loaded if isinstance(item, Message)]
    assert [(m.message_id, m.content) for m in found] == [
        (int(m["id"]), m["content"]) for m in document["messages"]
    ]
    reactions = sum(len(m["reactions"]) for m in document["messages"])
    assert len([item for item in loaded if isinstance(item, Reaction)]) == reactions
    servers = [item for item in loaded if isinstance(item, Server)]
    assert len(servers) == (0 if document["guild"]["id"] == "0" else 1)


@given(timestamps())
def test_any_timestamp_as_exports_write_it_reads_as_the_instant_it_names(
    written: tuple[str, Any],
) -> None:
    text, instant = written
    document = {
        "guild": {"id": "1", "name": "x"},
        "channel": {"id": "2"},
        "messages": [{"id": "3", "timestamp": text, "timestampEdited": text}],
    }
    with _written(document) as path:
        [*_, message] = read(path)

    assert isinstance(message, Message)
    assert message.sent_at == message.edited_at == instant


@contextmanager
def _written(document: object) -> Iterator[Path]:
    """A temporary file holding ``document`` as JSON: Hypothesis runs many examples in one
    test, and pytest's tmp_path is one per test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        yield path
