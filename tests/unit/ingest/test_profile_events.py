"""The kit's reading of profile events, pure: what each profile becomes, and what a record
looks like once a batch of events is applied."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from core.ingest.profile_events import fates, rewritten
from core.protocols.events import OutboxEntry, ProfileErased, ProfileEvent, ProfilesMerged
from core.protocols.refs import MailingListSenderRef, ProfileRef, WG21AuthorRef
from core.protocols.trackers import Redact
from trackers.mailing_lists.ingest import MESSAGES
from trackers.mailing_lists.records import Message
from trackers.wg21.ingest import DOCUMENTS
from trackers.wg21.records import Document

AT = datetime(2026, 1, 1, tzinfo=UTC)
IDS = st.integers(1, 6)


@st.composite
def histories(draw: st.DrawFn) -> list[ProfileEvent]:
    """Folds and erasures as the hub makes them: a profile gone (folded or erased) is never
    named again."""
    alive = set(range(1, 7))
    events: list[ProfileEvent] = []
    for _ in range(draw(st.integers(0, 8))):
        if not alive:
            break
        source = draw(st.sampled_from(sorted(alive)))
        alive.discard(source)
        folds = draw(st.booleans())
        if alive and folds:
            into = draw(st.sampled_from(sorted(alive)))
            events.append(ProfilesMerged(MailingListSenderRef(source), MailingListSenderRef(into)))
        else:
            events.append(ProfileErased(MailingListSenderRef(source)))
    return events


def entries(events: list[ProfileEvent]) -> list[OutboxEntry]:
    return [OutboxEntry(n, event, AT) for n, event in enumerate(events, 1)]


def one_by_one(events: list[ProfileEvent], ref: ProfileRef) -> ProfileRef | None:
    current: ProfileRef | None = ref
    for event in events:
        if current is None:
            break
        match event:
            case ProfilesMerged(source, into) if source == current:
                current = into
            case ProfileErased(gone) if gone == current:
                current = None
    return current


@given(histories(), IDS)
def test_a_batch_of_events_makes_of_each_profile_what_the_events_one_by_one_make_of_it(
    events: list[ProfileEvent], profile_id: int
) -> None:
    ref = MailingListSenderRef(profile_id)

    fate = fates(entries(events))

    assert fate.get(profile_id, ref) == one_by_one(events, ref)


def message(sender: int | None) -> Message[MailingListSenderRef]:
    return Message(
        "boost",
        "1@x",
        "H1",
        "subject",
        AT,
        None if sender is None else MailingListSenderRef(sender),
        body="Regards, Max",
    )


def test_an_erased_sender_leaves_the_message_with_no_sender_and_no_body_but_its_subject() -> None:
    after = rewritten(message(3), {3: None}, MESSAGES.erased)

    assert (after.sender, after.body, after.subject) == (None, "", "subject")


def test_a_folded_sender_is_replaced_and_the_body_kept() -> None:
    after = rewritten(message(3), {3: MailingListSenderRef(4)}, MESSAGES.erased)

    assert (after.sender, after.body) == (MailingListSenderRef(4), "Regards, Max")
    assert rewritten(message(5), {3: None}, MESSAGES.erased) == message(5)


def test_a_tuple_of_people_loses_the_erased_and_folds_the_merged_keeping_its_order() -> None:
    document = Document(
        "p1000r0",
        "p1000",
        authors=(WG21AuthorRef(1), WG21AuthorRef(2), WG21AuthorRef(3)),
        author_text="A, B, C",
    )

    after = rewritten(document, {1: WG21AuthorRef(3), 2: None}, DOCUMENTS.erased)

    assert after.authors == (WG21AuthorRef(3),) and after.author_text == ""
    assert rewritten(document, {1: WG21AuthorRef(3)}, Redact(("author_text",), ("authors",))) == (
        Document(
            "p1000r0", "p1000", authors=(WG21AuthorRef(3), WG21AuthorRef(2)), author_text="A, B, C"
        )
    )
