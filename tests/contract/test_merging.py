"""Merge identities, move profiles, unmerge as the exact undo of one merge, lock identities
against automatic jobs, and read every write back from the audit log: on every adapter."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.protocols import (
    Actor,
    AlreadyUnmerged,
    FieldChange,
    IdentityLocked,
    IdentityNotFound,
    IdentityRecord,
    IdentityRef,
    IdentityRetired,
    InvalidMerge,
    MergeNotFound,
    MergeRef,
    Operation,
    ProfileMove,
    ProfileRef,
    SlackUserClaim,
)
from core.protocols.events import (
    HubEvent,
    IdentitiesMerged,
    IdentityUnmerged,
    IdentityUpdated,
    ProfileMoved,
)
from tests.contract.conftest import Backend

ANN = Actor.user("ann")
JOB = Actor.job("recommend")
START = datetime(2026, 1, 1, tzinfo=UTC)


def ticking() -> Iterator[datetime]:
    for minute in count():
        yield START + timedelta(minutes=minute)


def make_hub(backend: Backend, events: list[HubEvent] | None = None) -> IdentityHub:
    clock = ticking()
    heard = events if events is not None else []
    return IdentityHub(backend.make_uow(), heard.append, lambda: next(clock))


def profiles(hub: IdentityHub, *users: str) -> list[ProfileRef]:
    refs = hub.get_or_create_many([SlackUserClaim(user) for user in users])
    assert all(ref is not None for ref in refs)
    return [ref for ref in refs if ref is not None]


def person(hub: IdentityHub, name: str, *refs: ProfileRef, description: str = "") -> IdentityRef:
    identity = hub.create_identity(name, description, actor=ANN, reason="setup")
    for ref in refs:
        hub.link(ref, identity, actor=ANN, reason="setup")
    return identity


def state(hub: IdentityHub, *identities: IdentityRef) -> dict[int, object]:
    """Each identity's record and its profiles: what an exact undo must give back."""
    return {i.identity_id: (hub.identity(i), tuple(hub.profiles_of(i))) for i in identities}


def test_given_two_people_when_merged_then_the_target_holds_every_profile_and_the_other_is_retired(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, a2, b1 = profiles(hub, "U1", "U2", "U3")
    ann = person(hub, "", a1, a2)
    other = person(hub, "Ann Smith", b1, description="from Slack")

    merge = hub.merge(ann, [other], actor=ANN, reason="same person", evidence=("same email",))

    assert hub.profiles_of(ann) == [a1, a2, b1]
    assert hub.profiles_of(other) == []
    assert hub.identity(other) == IdentityRecord(
        other.identity_id, "Ann Smith", "from Slack", merged_into_id=ann.identity_id
    )
    assert hub.identity(ann) == IdentityRecord(ann.identity_id, "Ann Smith", "from Slack")
    record = hub.merge_record(merge).merge
    assert record.moves == (ProfileMove(b1, other),)
    assert record.changes == (
        FieldChange("display_name", "", "Ann Smith"),
        FieldChange("description", "", "from Slack"),
    )
    assert (record.actor, record.reason, record.evidence) == (ANN, "same person", ("same email",))


def test_given_a_named_target_when_merged_then_it_keeps_its_name_and_takes_what_it_lacked(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    ann = person(hub, "Ann")
    first = person(hub, "Ann S.", description="first")
    second = person(hub, "A. Smith", description="second")

    merge = hub.merge(ann, [first, second], actor=ANN, reason="one person")

    assert hub.identity(ann).display_name == "Ann"
    assert hub.identity(ann).description == "first"
    assert hub.merge_record(merge).merge.changes == (FieldChange("description", "", "first"),)


def test_given_a_merge_when_unmerged_at_once_then_everything_is_as_before(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, b1, b2, c1 = profiles(hub, "U1", "U2", "U3", "U4")
    ann, bob, cy = person(hub, "", a1), person(hub, "Bob", b1, b2), person(hub, "Cy", c1)
    before = state(hub, ann, bob, cy)

    merge = hub.merge(ann, [bob, cy], actor=ANN, reason="oops")
    report = hub.unmerge(merge, actor=ANN, reason="wrong merge")

    assert state(hub, ann, bob, cy) == before
    assert report.revived == (bob, cy)
    assert report.restored == (ProfileMove(b1, bob), ProfileMove(b2, bob), ProfileMove(c1, cy))
    assert report.left == () and report.kept_fields == ()


def test_given_later_unrelated_changes_when_unmerged_then_the_merge_alone_is_undone(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, b1, c1 = profiles(hub, "U1", "U2", "U3")
    ann, bob, cy = person(hub, "Ann", a1), person(hub, "Bob", b1), person(hub, "Cy", c1)
    merge = hub.merge(ann, [bob], actor=ANN, reason="same person")
    # later: a profile collected and linked to ann, a third person merged into her, a rename
    [late] = profiles(hub, "U9")
    hub.link(late, ann, actor=JOB, reason="recommendation accepted")
    later = hub.merge(ann, [cy], actor=ANN, reason="also the same")
    hub.update_identity(ann, "Ann Smith", actor=ANN, reason="full name")

    report = hub.unmerge(merge, actor=ANN, reason="bob is someone else")

    assert hub.profiles_of(bob) == [b1]
    assert hub.profiles_of(ann) == [a1, c1, late]
    assert hub.identity(bob).merged_into is None
    assert hub.identity(cy).merged_into == ann
    assert hub.identity(ann).display_name == "Ann Smith"
    assert report.restored == (ProfileMove(b1, bob),) and report.left == ()
    assert hub.merge_record(later).unmerged_at is None


def test_given_a_profile_moved_since_the_merge_when_unmerged_then_it_stays_and_is_reported(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, b1, b2 = profiles(hub, "U1", "U2", "U3")
    ann, bob, dan = person(hub, "Ann", a1), person(hub, "Bob", b1, b2), person(hub, "Dan")
    merge = hub.merge(ann, [bob], actor=ANN, reason="same person")
    hub.move(b2, dan, actor=ANN, reason="this one is Dan")

    report = hub.unmerge(merge, actor=ANN, reason="undo")

    assert hub.profiles_of(bob) == [b1]
    assert hub.profiles_of(dan) == [b2]
    assert report.left == (ProfileMove(b2, bob),)


def test_given_a_field_the_merge_filled_and_changed_since_when_unmerged_then_the_change_stays(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    ann, bob = person(hub, ""), person(hub, "Bob")
    merge = hub.merge(ann, [bob], actor=ANN, reason="same person")
    hub.update_identity(ann, "Robert", actor=ANN, reason="his real name")

    report = hub.unmerge(merge, actor=ANN, reason="undo")

    assert hub.identity(ann).display_name == "Robert"
    assert report.kept_fields == ("display_name",)


def test_given_an_unmerged_merge_when_unmerged_again_then_it_is_refused(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    ann, bob = person(hub, "Ann"), person(hub, "Bob")
    merge = hub.merge(ann, [bob], actor=ANN, reason="same person")
    hub.unmerge(merge, actor=ANN, reason="undo")

    with pytest.raises(AlreadyUnmerged, match=f"merge {merge.merge_id} was already undone"):
        hub.unmerge(merge, actor=ANN, reason="again")
    with pytest.raises(MergeNotFound, match="no merge with id"):
        hub.unmerge(MergeRef(merge.merge_id + 50), actor=ANN, reason="unknown")
    assert hub.merge_record(merge).unmerged_by == ANN


def test_given_bad_targets_when_merging_then_it_is_refused_and_nothing_changes(
    backend: Backend,
) -> None:
    events: list[HubEvent] = []
    hub = make_hub(backend, events)
    [a1] = profiles(hub, "U1")
    ann, bob, cy = person(hub, "Ann", a1), person(hub, "Bob"), person(hub, "Cy")
    hub.merge(bob, [cy], actor=ANN, reason="same person")
    events.clear()

    with pytest.raises(InvalidMerge, match="into itself"):
        hub.merge(ann, [bob, ann], actor=ANN, reason="x")
    with pytest.raises(InvalidMerge, match="at least one"):
        hub.merge(ann, [], actor=ANN, reason="x")
    with pytest.raises(IdentityRetired, match=f"identity {cy.identity_id} was merged into"):
        hub.merge(ann, [cy], actor=ANN, reason="x")
    with pytest.raises(IdentityRetired):
        hub.move(a1, cy, actor=ANN, reason="x")
    with pytest.raises(IdentityNotFound):
        hub.merge(ann, [IdentityRef(cy.identity_id + 50)], actor=ANN, reason="x")

    assert events == []
    assert hub.profiles_of(ann) == [a1]


def test_given_a_profile_when_moved_then_it_changes_identity_and_the_move_is_published(
    backend: Backend,
) -> None:
    events: list[HubEvent] = []
    hub = make_hub(backend, events)
    [a1] = profiles(hub, "U1")
    ann, bob = person(hub, "Ann", a1), person(hub, "Bob")
    events.clear()

    hub.move(a1, bob, actor=ANN, reason="this is Bob's")
    hub.move(a1, bob, actor=ANN, reason="again: nothing happens")
    hub.move(a1, None, actor=ANN, reason="nobody's")

    assert hub.identity_of(a1) is None
    assert events == [ProfileMoved(a1, ann, bob), ProfileMoved(a1, bob, None)]
    assert [e.reason for e in hub.audit(limit=2)] == ["nobody's", "this is Bob's"]


def test_given_a_locked_identity_when_a_job_changes_it_then_it_is_refused_and_a_user_may(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, b1 = profiles(hub, "U1", "U2")
    ann, bob = person(hub, "Ann", a1), person(hub, "Bob", b1)
    hub.lock(ann, actor=ANN, reason="reviewed")

    refused: list[Callable[[], object]] = [
        lambda: hub.merge(ann, [bob], actor=JOB, reason="auto"),
        lambda: hub.merge(bob, [ann], actor=JOB, reason="auto"),
        lambda: hub.move(a1, bob, actor=JOB, reason="auto"),
        lambda: hub.move(b1, ann, actor=JOB, reason="auto"),
        lambda: hub.link(b1, ann, actor=JOB, reason="auto"),
        lambda: hub.unlink(a1, actor=JOB, reason="auto"),
        lambda: hub.update_identity(ann, "Anna", actor=JOB, reason="auto"),
        lambda: hub.unlock(ann, actor=JOB, reason="auto"),
    ]
    for change in refused:
        with pytest.raises(IdentityLocked, match=f"identity {ann.identity_id} is locked"):
            change()

    assert hub.profiles_of(ann) == [a1] and hub.is_locked(ann)
    merge = hub.merge(ann, [bob], actor=ANN, reason="a user may")
    assert hub.profiles_of(ann) == [a1, b1]
    with pytest.raises(IdentityLocked):
        hub.unmerge(merge, actor=JOB, reason="auto")
    hub.unlock(ann, actor=ANN, reason="done")
    hub.unmerge(merge, actor=JOB, reason="auto")
    assert hub.profiles_of(bob) == [b1]


def test_every_write_is_in_the_audit_log_newest_first_with_actor_reason_and_evidence(
    backend: Backend,
) -> None:
    hub = make_hub(backend)
    a1, b1 = profiles(hub, "U1", "U2")
    ann = hub.create_identity("Ann", actor=ANN, reason="new person")
    bob = hub.create_identity("Bob", actor=JOB, reason="mailmap")
    hub.link(a1, ann, actor=ANN, reason="r1")
    hub.link(b1, bob, actor=JOB, reason="r2", evidence=({"rule": "same_email", "value": "a@x"},))
    hub.lock(ann, actor=ANN, reason="reviewed")
    merge = hub.merge(ann, [bob], actor=ANN, reason="same person", evidence=("mailmap",))
    hub.unmerge(merge, actor=ANN, reason="undo")
    hub.unlink(b1, actor=ANN, reason="r3")

    log = hub.audit(limit=20)

    assert [entry.operation for entry in log] == [
        Operation.UNLINK,
        Operation.UNMERGE,
        Operation.MERGE,
        Operation.LOCK,
        Operation.LINK,
        Operation.LINK,
        Operation.CREATE_IDENTITY,
        Operation.CREATE_IDENTITY,
    ]
    unmerge, merged = log[1], log[2]
    assert (merged.actor, merged.reason, merged.evidence) == (ANN, "same person", ("mailmap",))
    assert merged.identities == (ann, bob) and merged.profiles == (b1,)
    assert merged.merge == merge == unmerge.merge
    assert log[4].evidence == ({"rule": "same_email", "value": "a@x"},)
    assert log[4].actor == JOB
    assert [entry.at for entry in log] == sorted((entry.at for entry in log), reverse=True)
    assert all(entry.at.tzinfo is not None for entry in log)
    assert [e.operation for e in hub.audit(bob, limit=3)] == [
        Operation.UNLINK,
        Operation.UNMERGE,
        Operation.MERGE,
    ]
    assert len(hub.audit(ann)) == 5


def test_merging_and_unmerging_publish_their_events_only_once_committed(
    backend: Backend,
) -> None:
    events: list[HubEvent] = []
    hub = make_hub(backend, events)
    a1, b1 = profiles(hub, "U1", "U2")
    ann, bob = person(hub, "", a1), person(hub, "Bob", b1)
    events.clear()

    merge = hub.merge(ann, [bob], actor=ANN, reason="same")
    hub.unmerge(merge, actor=ANN, reason="undo")

    assert events == [
        IdentitiesMerged(merge, ann, (bob,), (b1,)),
        IdentityUpdated(ann, "Bob", ""),
        IdentityUnmerged(merge, ann, (bob,), (b1,), ()),
        IdentityUpdated(ann, "", ""),
    ]


def queries(backend: Backend, action: Callable[[], object]) -> int:
    assert backend.alias is not None
    with CaptureQueriesContext(connections[backend.alias]) as captured:
        action()
    return len(captured.captured_queries)


def merge_and_unmerge_cost(backend: Backend, hub: IdentityHub, size: int) -> tuple[int, int]:
    """Queries to merge two people holding ``size`` profiles into a third, and to undo it."""
    refs = profiles(hub, *(f"U{size:03d}{i:03d}" for i in range(size)))
    into = person(hub, "")
    others = [person(hub, f"P{i}") for i in range(2)]
    for index, ref in enumerate(refs):
        hub.link(ref, others[index % 2], actor=ANN, reason="setup")
    merges: list[MergeRef] = []
    merging = queries(
        backend, lambda: merges.append(hub.merge(into, others, actor=ANN, reason="m"))
    )
    unmerging = queries(backend, lambda: hub.unmerge(merges[0], actor=ANN, reason="u"))
    return merging, unmerging


def test_merging_and_unmerging_cost_the_same_queries_for_2_and_for_60_profiles(
    django_backend: Backend,
) -> None:
    hub = make_hub(django_backend)

    small = merge_and_unmerge_cost(django_backend, hub, 2)
    large = merge_and_unmerge_cost(django_backend, hub, 60)

    assert small == large
    assert max(large) <= 12
