"""The Discord ingest on the memory adapters: no database, no Django."""

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import attrs
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import IngestSummary, ingest
from core.protocols import DiscordUserClaim, DiscordUserRef, ProfileKind
from core.protocols.ingest import Outcome, SourceProblem
from tests.unit.discord.strategies import T0, records
from trackers.discord.ingest import CHANNELS, DISCORD, MESSAGES, REACTIONS
from trackers.discord.records import (
    Channel,
    DiscordSeen,
    Message,
    MessageSeen,
    ReactionSeen,
)
from trackers.discord.sources.chat_export import read_chat_export

EXPORTS = Path(__file__).parents[2] / "fixtures" / "discord" / "exports"
GENERAL = "Boost C++ Libraries - Text Channels - general [550982060605571075]"
BOB = DiscordUserClaim(280035223142531077, username="bob#4821", display_name="Bobby")
MESSAGE = 1213032982634430465
CHANNEL = 550982060605571075

batches = st.lists(records, max_size=25)
# Tuples a newer sighting replaces by design: who is mentioned after an edit, who reacted.
RECONCILED = ("mentions", "users")


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def collect(uow: MemoryUnitOfWork, hub: IdentityHub, *names: str) -> IngestSummary:
    summary = IngestSummary()
    for name in names:
        items = read_chat_export(EXPORTS / name)
        ingest(DISCORD, items, uow, hub, origin=name, summary=summary)
    return summary


def message(**changes: object) -> MessageSeen:
    values: dict[str, object] = {
        "message_id": MESSAGE,
        "channel_id": CHANNEL,
        "kind": "Default",
        "author": BOB,
        "sent_at": T0,
        "content": "first draft",
        "mentions": (),
    }
    values.update(changes)
    return MessageSeen(**values)  # type: ignore[arg-type]


def stored_message(uow: MemoryUnitOfWork) -> Message[DiscordUserRef]:
    return uow.records(MESSAGES).get_many([MESSAGE])[MESSAGE]


@given(batches, st.integers(min_value=1, max_value=7))
def test_ingesting_the_same_input_twice_changes_nothing(
    items: list[DiscordSeen], batch_size: int
) -> None:
    # given anything ingested once
    uow, hub = fresh()
    ingest(DISCORD, items, uow, hub, origin="a.json", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    # when it is ingested again
    again = ingest(DISCORD, items, uow, hub, origin="a.json", batch_size=batch_size)

    # then nothing changed, no profile was made, and every item was found unchanged
    assert uow.state == stored
    assert hub.count_profiles() == profiles
    outcomes = sum((Counter(counts) for counts in again.counts.values()), Counter())
    assert outcomes == Counter({Outcome.UNCHANGED: len(items)} if items else {})


@given(batches, batches)
def test_a_later_ingest_never_removes_a_record_or_empties_a_known_value(
    first: list[DiscordSeen], second: list[DiscordSeen]
) -> None:
    uow, hub = fresh()
    ingest(DISCORD, first, uow, hub, origin="a.json")
    before = dict(uow.state)

    ingest(DISCORD, second, uow, hub, origin="b.json")

    for key, old in before.items():
        new = uow.state[key]
        for name in attrs.fields_dict(type(cast(Any, old))):
            if name not in RECONCILED and getattr(old, name) not in (None, "", ()):
                assert getattr(new, name) not in (None, "", ()), (key, name)


@given(batches)
def test_every_item_is_counted_once_under_its_record_type(items: list[DiscordSeen]) -> None:
    uow, hub = fresh()

    summary = ingest(DISCORD, items, uow, hub, origin="a.json", batch_size=4)

    names = {record_type.record: record_type.name for record_type in DISCORD.record_types}
    expected = Counter(names[type(item)] for item in items)
    assert {name: sum(counts.values()) for name, counts in summary.counts.items()} == expected


def test_the_fixtures_collected_twice_are_stored_once_and_found_unchanged() -> None:
    # given every good fixture collected once
    uow, hub = fresh()
    names = sorted(path.name for path in EXPORTS.glob("*.json"))
    first = collect(uow, hub, *names)
    stored = dict(uow.state)

    # when they are collected again
    second = collect(uow, hub, *names)

    # then nothing changes, and no problem was met either time
    assert first.problems == second.problems == []
    assert uow.state == stored
    assert {name: dict(counts) for name, counts in second.counts.items()} == {
        name: {Outcome.UNCHANGED: sum(counts.values())} for name, counts in first.counts.items()
    }


def test_the_parts_of_one_channel_are_one_channel_and_all_its_messages() -> None:
    uow, hub = fresh()

    summary = collect(uow, hub, f"{GENERAL} [part 1].json", f"{GENERAL} [part 2].json")

    # then the second part's header, taken later, updates the channel rather than adding one
    assert dict(summary.counts[CHANNELS.name]) == {Outcome.ADDED: 1, Outcome.UPDATED: 1}
    assert dict(summary.counts[MESSAGES.name]) == {Outcome.ADDED: 6}
    assert uow.records(CHANNELS).count() == 1


def test_the_same_message_twice_in_one_export_is_stored_once_and_counted_once_unchanged() -> None:
    uow, hub = fresh()

    summary = collect(uow, hub, "duplicate_ids.json")

    assert dict(summary.counts[MESSAGES.name]) == {Outcome.ADDED: 2, Outcome.UNCHANGED: 1}
    assert dict(summary.counts[REACTIONS.name]) == {Outcome.ADDED: 1, Outcome.UNCHANGED: 1}
    assert uow.records(MESSAGES).count() == 2


def test_authors_mentions_and_reacting_users_are_discord_profiles_one_per_id() -> None:
    uow, hub = fresh()

    collect(uow, hub, *sorted(path.name for path in EXPORTS.glob("*.json")))

    # ann, bob, takeshi, the CI bot, the newcomer and two deleted accounts; not the placeholder
    assert hub.count_profiles() == {ProfileKind.DISCORD: 7}
    [bob] = hub.find_many([BOB])
    assert bob is not None
    snapshot = hub.get(bob)
    assert snapshot is not None
    assert (snapshot.record.username, snapshot.record.external_id) == (
        "bob#4821",
        str(BOB.discord_user_id),
    )


def test_a_deleted_account_keeps_the_names_an_earlier_export_knew() -> None:
    # given bob known by name, then seen again after he deleted his account
    uow, hub = fresh()
    ingest(DISCORD, [message()], uow, hub, origin="2023.json")
    deleted = message(message_id=MESSAGE + 1, author=DiscordUserClaim(BOB.discord_user_id))

    ingest(DISCORD, [deleted], uow, hub, origin="2024.json")

    # then both messages are his, and his profile still has his names
    [ref] = hub.find_many([BOB])
    found = uow.records(MESSAGES).get_many([MESSAGE, MESSAGE + 1])
    assert {record.author for record in found.values()} == {ref}
    assert ref is not None
    snapshot = hub.get(ref)
    assert snapshot is not None
    assert (snapshot.record.username, snapshot.record.display_name) == ("bob#4821", "Bobby")


def test_a_message_edited_later_replaces_what_it_knows_and_keeps_its_first_author() -> None:
    uow, hub = fresh()
    ingest(DISCORD, [message()], uow, hub, origin="old.json")
    edited = message(
        content="second draft", edited_at=T0 + timedelta(hours=1), author=None, mentions=(BOB,)
    )

    summary = ingest(DISCORD, [edited], uow, hub, origin="new.json")

    stored = stored_message(uow)
    assert dict(summary.counts[MESSAGES.name]) == {Outcome.UPDATED: 1}
    assert (stored.content, stored.edited_at) == ("second draft", T0 + timedelta(hours=1))
    assert stored.author is not None and stored.mentions == tuple(hub.find_many([BOB]))


def test_an_export_taken_before_an_edit_does_not_undo_it() -> None:
    # given a message stored as edited
    uow, hub = fresh()
    edited = message(content="second draft", edited_at=T0 + timedelta(hours=1))
    ingest(DISCORD, [edited], uow, hub, origin="new.json")

    # when an older export, from before the edit, is collected
    summary = ingest(DISCORD, [message()], uow, hub, origin="old.json")

    # then the edit stays
    assert dict(summary.counts[MESSAGES.name]) == {Outcome.UNCHANGED: 1}
    assert stored_message(uow).content == "second draft"


def test_a_newer_export_renames_a_channel_and_an_older_one_only_fills_gaps() -> None:
    uow, hub = fresh()
    old = Channel(CHANNEL, name="general", topic="", seen_at=T0)
    new = Channel(CHANNEL, name="general-chat", topic="", seen_at=T0 + timedelta(days=1))
    undated = Channel(CHANNEL, name="chat", topic="Talk about Boost")

    ingest(DISCORD, [old, new, undated], uow, hub, origin="a.json", batch_size=1)

    stored = uow.records(CHANNELS).get_many([CHANNEL])[CHANNEL]
    assert (stored.name, stored.topic, stored.seen_at) == (
        "general-chat",
        "Talk about Boost",
        T0 + timedelta(days=1),
    )


def test_a_reaction_counted_by_a_newer_export_takes_its_count_and_users() -> None:
    uow, hub = fresh()
    before = ReactionSeen(MESSAGE, "👍", "👍", count=1, users=(BOB,), seen_at=T0)
    after = ReactionSeen(MESSAGE, "👍", "👍", count=2, users=(), seen_at=T0 + timedelta(days=1))
    older_release = ReactionSeen(MESSAGE, "👍", "👍", count=1, users=None, seen_at=None)

    ingest(DISCORD, [before, after, older_release], uow, hub, origin="a.json", batch_size=1)

    stored = uow.records(REACTIONS).get_many([(MESSAGE, "👍")])[(MESSAGE, "👍")]
    assert (stored.count, stored.users) == (2, ())


def test_an_export_that_does_not_list_who_reacted_keeps_the_known_users() -> None:
    uow, hub = fresh()
    ingest(DISCORD, [ReactionSeen(MESSAGE, "👍", count=1, users=(BOB,))], uow, hub, origin="a")

    ingest(DISCORD, [ReactionSeen(MESSAGE, "👍", count=1, users=None)], uow, hub, origin="b")

    stored = uow.records(REACTIONS).get_many([(MESSAGE, "👍")])[(MESSAGE, "👍")]
    assert stored.users == tuple(hub.find_many([BOB]))


def test_a_message_naming_a_person_the_hub_refuses_is_skipped_and_the_rest_stored() -> None:
    uow, hub = fresh()
    bad = message(message_id=MESSAGE + 1, author=DiscordUserClaim(0))

    summary = ingest(DISCORD, [message(), bad], uow, hub, origin="a.json")

    assert uow.records(MESSAGES).count() == 1
    assert summary.counts[MESSAGES.name][Outcome.SKIPPED] == 1
    [problem] = summary.problems
    assert (problem.path, problem.position) == ("a.json", f"discord.message {MESSAGE + 1}")
    assert problem.reason == "author: 0 is not a Discord user id (a snowflake)"


def test_an_id_no_64_bit_column_holds_refuses_its_record_only() -> None:
    uow, hub = fresh()
    huge = message(message_id=2**64 - 1)

    summary = ingest(DISCORD, [message(), huge], uow, hub, origin="a.json")

    assert uow.records(MESSAGES).count() == 1
    [problem] = summary.problems
    assert problem.position == f"discord.message {2**64 - 1}"
    assert problem.reason.startswith(f"message_id {2**64 - 1} is out of range")


def test_unreadable_messages_are_counted_as_skipped_and_a_bad_file_as_nothing() -> None:
    uow, hub = fresh()
    problems = [
        SourceProblem("a.json", "message 1 (item 3)", "timestamp is not an ISO 8601 date"),
        SourceProblem("b.json", "", "not a DiscordChatExporter export: no channel object"),
        SourceProblem("c.json", "exportedAt", "not a date", skipped=False),
    ]

    summary = ingest(DISCORD, problems, uow, hub, origin="a.json")

    assert summary.problems == problems
    assert dict(summary.counts) == {MESSAGES.name: Counter({Outcome.SKIPPED: 1})}
