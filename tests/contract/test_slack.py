"""What is the Slack tracker's own, on every adapter: memory, SQLite, PostgreSQL. What its
stores do as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime
from pathlib import Path

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.ingest import ingest
from core.protocols import SlackUserClaim, SlackUserRef
from core.protocols.ingest import Outcome
from core.protocols.refs import ProfileKind
from tests.contract.conftest import Backend
from trackers.slack.ingest import CHANNELS, MEMBERSHIP_CHANGES, MESSAGES, SLACK, USERS
from trackers.slack.records import (
    ChannelSeen,
    MembershipChangeSeen,
    MessageSeen,
    SlackSeen,
    UserSeen,
)
from trackers.slack.sources.slack_export import read_slack_export

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "slack" / "export"
T0 = datetime(2016, 1, 28, tzinfo=UTC)


def activity(start: int, n: int) -> list[SlackSeen]:
    """``n`` members, each with a channel, a message mentioning the one before and a join."""
    items: list[SlackSeen] = []
    for i in range(start, start + n):
        member = SlackUserClaim(f"U{i:08d}", username=f"user{i}", email=f"user{i}@example.org")
        previous = SlackUserClaim(f"U{i - 1:08d}")
        bot = SlackUserClaim(f"B{i:08d}", username=f"bot{i}", is_bot=True)
        ts = f"{1453994400 + i}.000001"
        items += [
            UserSeen(member.slack_user_id, account=member, name=f"user{i}", updated_at=T0),
            ChannelSeen(f"C{i:08d}", kind="public", name=f"c{i}", creator=member,
                        members=(member, previous), as_of=T0),
            MessageSeen("C00000000", ts, author=member, text=f"hi <@{previous.slack_user_id}>",
                        mentions=(previous,), reactions=("+1",), files=("a.png",),
                        attachments=("build passed",), updated_at=T0),
            MessageSeen("C00000000", f"{1453994400 + i}.000002", author=bot, subtype="bot_message"),
            MembershipChangeSeen("C00000000", f"{1453994400 + i}.000003", joined=True,
                                 member=member, inviter=previous, at=T0),
        ]  # fmt: skip
    return items


def test_an_export_is_stored_with_its_people_as_slack_profiles(backend: Backend) -> None:
    # given the fixture export, ingested in one unit of work with the hub
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    # when it is ingested
    summary = ingest(SLACK, read_slack_export(EXPORT), uow, hub, origin="export")

    # then its records are stored and its people are Slack profiles, bots flagged
    assert summary.counts[MESSAGES.name][Outcome.ADDED] == 18
    assert summary.counts[MEMBERSHIP_CHANGES.name][Outcome.ADDED] == 3
    assert hub.count_profiles() == {ProfileKind.SLACK: 7}
    with uow:
        thread = uow.records(MESSAGES).get_many([("C0GENERAL", "1453994400.000005")])
        users = uow.records(USERS).get_many(["U0ANN0001"])
        general = uow.records(CHANNELS).get_many(["C0GENERAL"])["C0GENERAL"]
    parent = thread[("C0GENERAL", "1453994400.000005")]
    assert isinstance(parent.author, SlackUserRef)
    assert parent.author == users["U0ANN0001"].account
    assert parent.mentions is not None and len(parent.mentions) == 2
    assert (parent.reactions, parent.reaction_count) == (("+1", "rocket"), 3)
    assert general.members is not None and len(general.members) == 3
    snapshot = hub.get(parent.author)
    assert snapshot is not None and snapshot.primary_email == "ann@example.org"


def test_collecting_an_export_again_finds_every_record_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(SLACK, read_slack_export(EXPORT), uow, hub, origin="export")
    profiles = hub.count_profiles()

    again = ingest(SLACK, read_slack_export(EXPORT), uow, hub, origin="export")

    for record_type, counts in again.counts.items():
        assert counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0, record_type
    assert hub.count_profiles() == profiles


def test_a_batch_costs_the_same_queries_for_5_and_for_150_of_each_record(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub = django_backend.hub(uow=uow)

    def cost(items: list[SlackSeen]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(SLACK, items, uow, hub, origin="export")
        return len(captured.captured_queries)

    assert cost(activity(1, 5)) == cost(activity(6, 150))


def test_hub_queries_do_not_grow_with_the_batch(django_backend: Backend) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub = django_backend.hub(uow=uow)

    def hub_queries(items: list[SlackSeen]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(SLACK, items, uow, hub, origin="export")
        return sum("hub_" in query["sql"] for query in captured.captured_queries)

    assert hub_queries(activity(1, 5)) == hub_queries(activity(6, 150)) > 0
