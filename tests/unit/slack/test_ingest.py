"""The Slack ingest on the memory adapters, no database, no Django: collecting again changes
nothing, a later export never loses a known value, every item is counted once, and the merge
rules settle overlapping exports in either order."""

import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols.claims import SlackUserClaim
from core.protocols.ingest import Outcome, SourceProblem
from core.protocols.refs import ProfileKind, SlackUserRef
from core.protocols.trackers import MergeRule, NewerWins
from tests.unit.slack.reading import FIXTURES
from tests.unit.slack.strategies import exports, write_export
from trackers.slack.ingest import CHANNELS, MESSAGES, SLACK, USERS
from trackers.slack.records import ChannelSeen, MessageSeen, SlackSeen, UserSeen
from trackers.slack.sources.slack_export import read_slack_export

T0 = datetime(2016, 1, 28, tzinfo=UTC)
T1 = datetime(2016, 6, 1, tzinfo=UTC)
ANN = SlackUserClaim("U0ANN0001", username="ann", display_name="Ann Example")


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def read_generated(days: list[list[object]]) -> list[SlackSeen | SourceProblem]:
    with tempfile.TemporaryDirectory() as scratch:
        return list(read_slack_export(write_export(Path(scratch) / "export", days)))


def known(value: object) -> bool:
    return value not in (None, "", ())


@settings(max_examples=40, deadline=None)
@given(exports, st.integers(min_value=1, max_value=7))
def test_ingesting_the_same_export_twice_changes_nothing(
    days: list[list[object]], batch_size: int
) -> None:
    # given an export ingested once
    items = read_generated(days)
    uow, hub = fresh()
    ingest(SLACK, items, uow, hub, origin="export", batch_size=batch_size)
    stored, profiles = dict(uow.state), hub.count_profiles()

    # when it is ingested again
    again = ingest(SLACK, items, uow, hub, origin="export", batch_size=batch_size)

    # then nothing changed, no profile was made, and every record was found unchanged
    assert uow.state == stored
    assert hub.count_profiles() == profiles
    for record_type, counts in again.counts.items():
        assert counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0, record_type


@settings(max_examples=40, deadline=None)
@given(exports, exports)
def test_a_later_export_never_loses_a_known_value(
    first: list[list[object]], second: list[list[object]]
) -> None:
    uow, hub = fresh()
    ingest(SLACK, read_generated(first), uow, hub, origin="a")
    before = dict(uow.state)

    ingest(SLACK, read_generated(second), uow, hub, origin="b")

    rules = {record_type.name: record_type.merge for record_type in SLACK.record_types}
    for (name, key), old in before.items():
        new = uow.state[(name, key)]
        for field in attrs.fields(type(cast(Any, old))):
            if known(getattr(old, field.name)):
                assert known(getattr(new, field.name)) or _emptied_by_newer(
                    rules[name], old, new, field.name
                ), (key, field.name)


def _emptied_by_newer(rule: MergeRule, old: object, new: object, field: str) -> bool:
    """A list a strictly newer sighting gave as empty: "none any more" is what it says."""
    if not isinstance(rule, NewerWins) or getattr(new, field) != ():
        return False
    before, after = getattr(old, rule.at), getattr(new, rule.at)
    return before is not None and after is not None and after > before


@settings(max_examples=40, deadline=None)
@given(exports)
def test_every_item_is_counted_once_under_its_record_type(days: list[list[object]]) -> None:
    items = read_generated(days)
    uow, hub = fresh()

    summary = ingest(SLACK, items, uow, hub, origin="export", batch_size=3)

    by_type = Counter(
        f"slack.{type(item).__name__.lower()}"
        for item in items
        if not isinstance(item, SourceProblem)
    )
    by_type["slack.membership_change"] = by_type.pop("slack.membershipchange", 0)
    problems = sum(1 for item in items if isinstance(item, SourceProblem) and item.position)
    counted = {name: sum(counts.values()) for name, counts in summary.counts.items()}
    refused = sum(counts[Outcome.SKIPPED] for counts in summary.counts.values())
    assert sum(counted.values()) == sum(by_type.values()) + problems
    assert counted.get("slack.item", 0) == problems
    assert refused >= problems
    assert summary.counts.get("slack.message", Counter())[Outcome.ADDED] == len(
        [key for key in uow.state if key[0] == "slack.message"]
    )


def test_people_become_slack_profiles_bots_flagged_each_user_once() -> None:
    # given the fixture export
    uow, hub = fresh()

    # when it is ingested
    summary = ingest(SLACK, read_slack_export(FIXTURES / "export"), uow, hub, origin="export")

    # then the five users, the guest and the integration are Slack profiles, one per id
    assert hub.count_profiles() == {ProfileKind.SLACK: 7}
    stored = uow.records(MESSAGES).get_many([("C0GENERAL", "1453995300.000500")])
    travis = stored[("C0GENERAL", "1453995300.000500")].author
    assert isinstance(travis, SlackUserRef)
    snapshot = hub.get(travis)
    assert snapshot is not None and snapshot.record.is_bot
    assert summary.counts["slack.message"][Outcome.ADDED] == 18


def message(**changes: object) -> MessageSeen:
    values: dict[str, object] = {
        "channel_id": "C0GENERAL",
        "ts": "1453994400.000005",
        "author": ANN,
        "text": "first",
        "posted_at": T0,
        "reply_count": 1,
        "updated_at": T0,
    }
    values.update(changes)
    return MessageSeen(**values)  # type: ignore[arg-type]


def stored_message(uow: MemoryUnitOfWork) -> object:
    key = ("C0GENERAL", "1453994400.000005")
    return uow.records(MESSAGES).get_many([key])[key]


def test_a_later_exports_edit_and_replies_win_in_either_order() -> None:
    older = message()
    newer = message(text="edited", reply_count=5, edited_at=T1, updated_at=T1)

    results = []
    for order in ((older, newer), (newer, older)):
        uow, hub = fresh()
        for item in order:
            ingest(SLACK, [item], uow, hub, origin="export")
        results.append(stored_message(uow))

    assert results[0] == results[1]
    assert isinstance(results[0], type(newer))
    assert (results[0].text, results[0].reply_count, results[0].edited_at) == ("edited", 5, T1)


def test_an_older_export_fills_in_what_a_newer_one_did_not_say() -> None:
    uow, hub = fresh()
    ingest(SLACK, [message(updated_at=T1, reply_count=None)], uow, hub, origin="new")

    summary = ingest(SLACK, [message(text="old", reply_count=3)], uow, hub, origin="old")

    stored = stored_message(uow)
    assert isinstance(stored, type(message()))
    assert (stored.text, stored.reply_count) == ("first", 3)
    assert dict(summary.counts["slack.message"]) == {Outcome.UPDATED: 1}


def test_a_channel_described_by_a_later_export_takes_its_name_and_members() -> None:
    def channel(name: str, as_of: datetime, members: tuple[SlackUserClaim, ...]) -> ChannelSeen:
        return ChannelSeen("C0GENERAL", kind="public", name=name, members=members, as_of=as_of)

    bob = SlackUserClaim("U0BOB0002")
    uow, hub = fresh()
    ingest(SLACK, [channel("general", T1, (ANN, bob))], uow, hub, origin="new")

    ingest(SLACK, [channel("old-name", T0, (ANN,))], uow, hub, origin="old")

    stored = uow.records(CHANNELS).get_many(["C0GENERAL"])["C0GENERAL"]
    assert stored.name == "general"
    assert stored.members is not None and len(stored.members) == 2


def test_a_users_newer_profile_wins_and_a_deletion_is_kept() -> None:
    uow, hub = fresh()
    ingest(
        SLACK,
        [UserSeen("U0ANN0001", account=ANN, name="ann", is_deleted=True, updated_at=T1)],
        uow,
        hub,
        origin="new",
    )

    ingest(
        SLACK,
        [UserSeen("U0ANN0001", account=ANN, name="ann.old", is_deleted=False, updated_at=T0)],
        uow,
        hub,
        origin="old",
    )

    stored = uow.records(USERS).get_many(["U0ANN0001"])["U0ANN0001"]
    assert (stored.name, stored.is_deleted) == ("ann", True)


def test_a_count_no_column_holds_skips_that_message_only() -> None:
    uow, hub = fresh()

    summary = ingest(
        SLACK,
        [message(reply_count=2**70), message(ts="1453994401.000001")],
        uow,
        hub,
        origin="export",
    )

    assert summary.counts["slack.message"][Outcome.SKIPPED] == 1
    assert summary.counts["slack.message"][Outcome.ADDED] == 1
    [problem] = summary.problems
    assert problem.position == "slack.message C0GENERAL 1453994400.000005"
    assert problem.reason.startswith("reply_count 1180591620717411303424 is out of range")
