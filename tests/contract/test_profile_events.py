"""Folding a profile into another and erasing one on request, through the outbox to every
tracker's records, on every adapter: memory, SQLite, PostgreSQL."""

from collections.abc import Sequence

import pytest

from core.identity import IdentityHub
from core.ingest import ingest
from core.ingest.profile_events import apply_events, pending, prune
from core.protocols import (
    Actor,
    IdentityLocked,
    InvalidMerge,
    MailingListSenderClaim,
    MailingListSenderRef,
    Operation,
    ProfileNotFound,
    SlackUserClaim,
)
from core.protocols.events import HubEvent, ProfileErased, ProfilesMerged
from tests.contract.conftest import Backend, UnitOfWork
from tests.contract.test_mailing_lists import seen
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import Message
from trackers.slack.ingest import SLACK

ANN = Actor.user("ann")
JOB = Actor.job("dedupe")
KEYS = [("boost", f"{i}@example.com") for i in range(4)]

SHORT = MailingListSenderClaim("Jo Bloggs", "jo@example.com")
LONG = MailingListSenderClaim("Joanna Bloggs", "jo@example.com")
OTHER = MailingListSenderClaim("Max Mustermann", "max@example.com")


def collected(backend: Backend) -> tuple[UnitOfWork, IdentityHub, list[HubEvent]]:
    """Four messages: two by Jo under two names, one by Max, one by nobody known."""
    uow = backend.make_uow()
    heard: list[HubEvent] = []
    hub = IdentityHub(uow, heard.append)
    ingest(MAILING_LISTS, messages(), uow, hub, origin="boost.mbox")
    return uow, hub, heard


def messages() -> list[object]:
    return [seen(0, SHORT), seen(1, LONG), seen(2, OTHER), seen(3)]


def stored(uow: UnitOfWork) -> dict[tuple[str, str], Message[MailingListSenderRef]]:
    with uow:
        return uow.records(MESSAGES).get_many(KEYS)


def refs(hub: IdentityHub, *claims: MailingListSenderClaim) -> Sequence[MailingListSenderRef]:
    found = hub.find_many(list(claims))
    assert all(ref is not None for ref in found)
    return [ref for ref in found if ref is not None]


def folded(backend: Backend) -> tuple[UnitOfWork, IdentityHub, MailingListSenderRef]:
    """The four messages collected, Jo's profile of the short name folded into the long one's
    and the event applied by the mailing lists; returns the profile kept."""
    uow, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)
    hub.merge_profiles(short, long, actor=ANN, reason="same person")
    apply_events(MAILING_LISTS, uow)
    return uow, hub, long


def test_when_two_profiles_of_one_person_are_folded_then_every_message_names_the_kept_one(
    backend: Backend,
) -> None:
    uow, hub, heard = collected(backend)
    short, long = refs(hub, SHORT, LONG)

    hub.merge_profiles(short, long, actor=ANN, reason="same person, two spellings")
    applied = apply_events(MAILING_LISTS, uow)

    assert applied.events == 1 and applied.records == {MESSAGES.name: 1}
    senders = {key: message.sender for key, message in stored(uow).items()}
    assert senders[KEYS[0]] == senders[KEYS[1]] == long
    assert hub.get(short) is None
    assert ProfilesMerged(short, long) in heard
    assert hub.audit(limit=1)[0].operation is Operation.MERGE_PROFILES


def test_given_a_folded_profile_when_collected_again_then_its_claims_name_the_kept_one(
    backend: Backend,
) -> None:
    uow, hub, long = folded(backend)
    before = hub.count_profiles()

    ingest(MAILING_LISTS, messages(), uow, hub, origin="boost.mbox")

    assert hub.count_profiles() == before
    assert hub.find_many([SHORT]) == [long]
    assert stored(uow)[KEYS[0]].sender == long


def test_given_a_folded_profile_then_its_addresses_and_identity_go_to_the_kept_one(
    backend: Backend,
) -> None:
    _, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)
    hub.add_email(short, "jo@work.example.com")
    person = hub.create_identity("Jo", actor=ANN)
    hub.link(short, person, actor=ANN)

    hub.merge_profiles(short, long, actor=ANN, reason="same person")

    kept = hub.get(long)
    assert kept is not None
    assert {e.address for e in kept.emails} == {"jo@example.com", "jo@work.example.com"}
    assert kept.primary_email == "jo@example.com"
    assert hub.identity_of(long) == person


def test_a_profile_folds_only_into_a_profile_of_its_kind_and_of_its_identity(
    backend: Backend,
) -> None:
    _, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)
    slack = hub.get_or_create(SlackUserClaim("U1"))
    assert slack is not None
    for person, ref in (("Jo", short), ("Joanna", long)):
        hub.link(ref, hub.create_identity(person, actor=ANN), actor=ANN)

    with pytest.raises(InvalidMerge, match="one of its kind"):
        hub.merge_profiles(slack, long, actor=ANN, reason="")
    with pytest.raises(InvalidMerge, match="merge the identities first"):
        hub.merge_profiles(short, long, actor=ANN, reason="")
    with pytest.raises(InvalidMerge, match="itself"):
        hub.merge_profiles(long, long, actor=ANN, reason="")
    assert hub.get(short) is not None


def test_given_an_erased_sender_then_their_messages_stay_with_no_sender_and_no_body(
    backend: Backend,
) -> None:
    uow, hub, heard = collected(backend)
    (other,) = refs(hub, OTHER)

    hub.erase(other, actor=ANN, reason="request 42")
    applied = apply_events(MAILING_LISTS, uow)

    assert applied.records == {MESSAGES.name: 1}
    message = stored(uow)[KEYS[2]]
    assert message.sender is None and message.body == ""
    assert message.subject == "subject 2"
    assert stored(uow)[KEYS[0]].body != ""
    assert hub.get(other) is None
    assert ProfileErased(other) in heard


def test_given_an_erased_sender_when_collected_again_then_nothing_of_them_comes_back(
    backend: Backend,
) -> None:
    uow, hub, _ = collected(backend)
    (other,) = refs(hub, OTHER)
    hub.erase(other, actor=ANN, reason="request 42")
    apply_events(MAILING_LISTS, uow)
    before = hub.count_profiles()

    ingest(MAILING_LISTS, messages(), uow, hub, origin="boost.mbox")
    ingest(MAILING_LISTS, [seen(9, OTHER)], uow, hub, origin="later.mbox")

    assert hub.count_profiles() == before
    assert hub.find_many([OTHER]) == [None]
    message = stored(uow)[KEYS[2]]
    assert message.sender is None and message.body == ""
    with uow:
        later = uow.records(MESSAGES).get_many([("boost", "9@example.com")])
    assert later[("boost", "9@example.com")].sender is None
    assert later[("boost", "9@example.com")].body == ""


def test_given_an_erasure_then_the_audit_log_keeps_no_evidence_about_the_person(
    backend: Backend,
) -> None:
    _, hub, _ = collected(backend)
    (other,) = refs(hub, OTHER)
    person = hub.create_identity("Max Mustermann", actor=ANN)
    hub.link(other, person, actor=ANN, reason="Max <max@example.com>", evidence=("max@example",))

    hub.erase(other, actor=ANN, reason="request 42")

    entries = hub.audit(person)
    assert entries[0].operation is Operation.ERASE and entries[0].reason == "request 42"
    linked = next(e for e in entries if e.operation is Operation.LINK)
    assert linked.reason == "" and linked.evidence == ()
    assert hub.identity(person).display_name == ""
    with pytest.raises(ProfileNotFound):
        hub.erase(other, actor=ANN, reason="again")


def test_given_a_fold_then_an_erasure_of_the_kept_profile_then_claims_of_either_name_nobody(
    backend: Backend,
) -> None:
    uow, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)

    hub.merge_profiles(short, long, actor=ANN, reason="same person")
    hub.erase(long, actor=ANN, reason="request 7")
    applied = apply_events(MAILING_LISTS, uow)

    assert applied.events == 2
    assert hub.find_many([SHORT, LONG]) == [None, None]
    for key in KEYS[:2]:
        assert stored(uow)[key].sender is None and stored(uow)[key].body == ""


def test_applying_the_events_again_changes_nothing_and_a_tracker_resumes_where_it_stopped(
    backend: Backend,
) -> None:
    uow, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)
    hub.merge_profiles(short, long, actor=ANN, reason="same person")
    assert pending(uow, MAILING_LISTS) == 1
    apply_events(MAILING_LISTS, uow)
    after_first = stored(uow)

    again = apply_events(MAILING_LISTS, uow)
    (other,) = refs(hub, OTHER)
    hub.erase(other, actor=ANN, reason="request 42")
    resumed = apply_events(MAILING_LISTS, uow, batch=1)

    assert again.events == 0 and pending(uow, MAILING_LISTS) == 0
    assert resumed.events == 1
    assert stored(uow)[KEYS[0]] == after_first[KEYS[0]]


def test_the_outbox_drops_an_event_only_once_every_tracker_has_applied_it(
    backend: Backend,
) -> None:
    uow, _, _ = folded(backend)

    kept = prune([MAILING_LISTS, SLACK], uow)
    apply_events(SLACK, uow)
    dropped = prune([MAILING_LISTS, SLACK], uow)

    assert (kept, dropped) == (0, 1)
    with uow:
        assert uow.identities.outbox_after(0, 10) == []
        assert uow.identities.outbox_end() == 1


def test_given_a_drained_outbox_then_the_next_event_takes_the_next_position_and_is_applied(
    backend: Backend,
) -> None:
    uow, hub, _ = folded(backend)
    prune([MAILING_LISTS], uow)

    (other,) = refs(hub, OTHER)
    hub.erase(other, actor=ANN, reason="request 42")

    assert pending(uow, MAILING_LISTS) == 1
    with uow:
        assert [entry.position for entry in uow.identities.outbox_after(0, 10)] == [2]
    assert apply_events(MAILING_LISTS, uow).events == 1
    assert stored(uow)[KEYS[2]].sender is None


def test_a_locked_identity_refuses_a_job_folding_or_erasing_its_profiles(
    backend: Backend,
) -> None:
    _, hub, _ = collected(backend)
    short, long = refs(hub, SHORT, LONG)
    person = hub.create_identity("Jo", actor=ANN)
    hub.link(short, person, actor=ANN)
    hub.lock(person, actor=ANN)

    with pytest.raises(IdentityLocked):
        hub.merge_profiles(short, long, actor=JOB, reason="dedupe")
    with pytest.raises(IdentityLocked):
        hub.erase(short, actor=JOB, reason="cleanup")
    hub.erase(short, actor=ANN, reason="request 9")
    assert hub.get(short) is None
