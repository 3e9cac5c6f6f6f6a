"""What is the Discord tracker's own, on every adapter: memory, SQLite, PostgreSQL. What its
stores do as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime, timedelta

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import DiscordUserClaim, DiscordUserRef
from core.protocols.ingest import Outcome
from tests.contract.conftest import Backend
from trackers.discord.ingest import CHANNELS, DISCORD, MESSAGES, REACTIONS, SERVERS
from trackers.discord.records import Channel, DiscordSeen, MessageSeen, ReactionSeen, Server

T0 = datetime(2024, 3, 1, 8, tzinfo=UTC)
SERVER = 550980550656131073
CHANNEL = 550982060605571075
FIRST_MESSAGE = 1213032982634430465
FIRST_USER = 176256398131331076


def user(i: int) -> DiscordUserClaim:
    return DiscordUserClaim(FIRST_USER + i, username=f"user{i}", display_name=f"User {i} ünïcødé")


def activity(start: int, n: int) -> list[DiscordSeen]:
    """A channel's export (a channel of its own for each ``start``): its header, then ``n``
    messages, each by its own author, mentioning and reacted to by two more people."""
    server, channel = SERVER + start, CHANNEL + start
    items: list[DiscordSeen] = [
        Server(server, name="Boost", seen_at=T0),
        Channel(channel, server_id=server, kind="GuildTextChat", name="general", seen_at=T0),
    ]
    for i in range(start, start + n):
        message_id = FIRST_MESSAGE + i
        items.append(
            MessageSeen(
                message_id,
                channel,
                kind="Reply" if i % 2 else "Default",
                author=user(i),
                sent_at=T0 + timedelta(seconds=i),
                content=f"message {i} 🚀",
                reference_id=FIRST_MESSAGE if i % 2 else None,
                attachment_count=i % 3,
                mentions=(user(1000 + i), user(2000 + i)),
            )
        )
        items.append(
            ReactionSeen(
                message_id, "👍", "👍", count=2, users=(user(1000 + i), user(i)), seen_at=T0
            )
        )
    return items


def test_ingest_stores_every_record_with_its_people_as_discord_profiles(backend: Backend) -> None:
    # given one unit of work for the hub and the records
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    # when a channel's export is ingested
    summary = ingest(DISCORD, activity(0, 3), uow, hub, origin="general.json")

    # then every record is added, and its people are profiles of the Discord kind
    assert {name: dict(counts) for name, counts in summary.counts.items()} == {
        SERVERS.name: {Outcome.ADDED: 1},
        CHANNELS.name: {Outcome.ADDED: 1},
        MESSAGES.name: {Outcome.ADDED: 3},
        REACTIONS.name: {Outcome.ADDED: 3},
    }
    with uow:
        message = uow.records(MESSAGES).get_many([FIRST_MESSAGE + 1])[FIRST_MESSAGE + 1]
        reaction = uow.records(REACTIONS).get_many([(FIRST_MESSAGE + 1, "👍")])
    assert isinstance(message.author, DiscordUserRef)
    assert all(isinstance(ref, DiscordUserRef) for ref in message.mentions or ())
    assert message.reference_id == FIRST_MESSAGE
    first_mentioned = (message.mentions or ())[0]
    assert reaction[(FIRST_MESSAGE + 1, "👍")].users == (first_mentioned, message.author)
    snapshot = hub.get(message.author)
    assert snapshot is not None
    assert (snapshot.record.username, snapshot.record.external_id) == (
        "user1",
        str(FIRST_USER + 1),
    )


def test_ingesting_twice_reports_everything_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(DISCORD, activity(0, 10), uow, hub, origin="general.json")
    profiles = hub.count_profiles()

    again = ingest(DISCORD, activity(0, 10), uow, hub, origin="general.json")

    assert {name: dict(counts) for name, counts in again.counts.items()} == {
        SERVERS.name: {Outcome.UNCHANGED: 1},
        CHANNELS.name: {Outcome.UNCHANGED: 1},
        MESSAGES.name: {Outcome.UNCHANGED: 10},
        REACTIONS.name: {Outcome.UNCHANGED: 10},
    }
    assert hub.count_profiles() == profiles


def test_a_later_export_updates_what_changed_and_only_that(backend: Backend) -> None:
    # given a channel's export, then a later one where one message was edited
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(DISCORD, activity(0, 3), uow, hub, origin="old.json")
    later = [
        Channel(CHANNEL, name="general-chat", seen_at=T0 + timedelta(days=1)),
        MessageSeen(
            FIRST_MESSAGE + 2,
            CHANNEL,
            content="edited",
            edited_at=T0 + timedelta(hours=1),
            mentions=None,
        ),
    ]

    # when the later one is ingested
    summary = ingest(DISCORD, later, uow, hub, origin="new.json")

    # then the channel and the message are updated, what the later export did not say kept
    assert dict(summary.counts[MESSAGES.name]) == {Outcome.UPDATED: 1}
    with uow:
        channel = uow.records(CHANNELS).get_many([CHANNEL])[CHANNEL]
        message = uow.records(MESSAGES).get_many([FIRST_MESSAGE + 2])[FIRST_MESSAGE + 2]
    assert (channel.name, channel.server_id, channel.kind) == (
        "general-chat",
        SERVER,
        "GuildTextChat",
    )
    assert (message.content, message.attachment_count) == ("edited", 2)
    assert message.author is not None and len(message.mentions or ()) == 2


def test_a_batch_costs_the_same_queries_for_5_and_for_150_messages(
    django_backend: Backend,
) -> None:
    # given the hub and the records in one unit of work on a database
    alias = django_backend.alias
    assert alias is not None
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    # when a batch of 5 messages, then one of 150, is ingested
    statements: list[list[str]] = []
    for items in (activity(0, 5), activity(5, 150)):
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(DISCORD, items, uow, hub, origin="general.json")
        statements.append([query["sql"] for query in captured.captured_queries])

    # then both cost the same queries, the hub's among them
    small, large = statements
    assert len(small) == len(large)
    assert sum("hub_" in sql for sql in small) == sum("hub_" in sql for sql in large) > 0
