"""Ingesting mailing-list messages: parse -> resolve senders in bulk -> upsert -> summary.

Each batch is one unit of work. A record that cannot be read, or whose sender cannot be a
profile, is skipped and reported; the rest of its batch is stored. Stored messages are never
deleted or emptied: a message seen again only fills in what was unknown (merging.py), so
collecting an archive twice changes nothing.
"""

from collections.abc import Callable, Iterable

from core.protocols.claims import MailingListSenderClaim
from core.protocols.errors import IdentityError
from core.protocols.identity import ProfileResolver
from core.protocols.ingest import IngestSummary, Outcome, SourceProblem, ingest_in_batches
from core.protocols.refs import MailingListSenderRef
from trackers.mailing_lists.merging import merged
from trackers.mailing_lists.ports import MailingListUnitOfWork, MessageKey
from trackers.mailing_lists.records import Message, MessageSeen

RECORD_TYPE = "mailing_lists.message"
BATCH_SIZE = 500


def ingest_messages(
    items: Iterable[MessageSeen | SourceProblem],
    uow: MailingListUnitOfWork,
    people: ProfileResolver,
    *,
    origin: str,
    batch_size: int | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> IngestSummary:
    def store(seen: list[MessageSeen], summary: IngestSummary) -> None:
        _store_batch(seen, uow, people, origin, summary)

    return ingest_in_batches(
        store,
        items,
        unreadable=RECORD_TYPE,
        batch_size=batch_size or BATCH_SIZE,
        advance=advance,
    )


def _store_batch(
    seen: list[MessageSeen],
    uow: MailingListUnitOfWork,
    people: ProfileResolver,
    origin: str,
    summary: IngestSummary,
) -> None:
    with uow:
        senders = _resolve_senders(seen, people, origin, summary)
        messages: dict[MessageKey, Message] = {}
        for item in seen:
            key = (item.list_name, item.message_id)
            if key not in senders:
                continue
            message = _message(item, senders[key])
            if key in messages:
                # The same message twice in one source: merged, counted once.
                messages[key] = merged(messages[key], message)
                summary.count(RECORD_TYPE, Outcome.UNCHANGED)
            else:
                messages[key] = message
        stored = uow.messages.get_many(messages.keys())
        added = [m for key, m in messages.items() if key not in stored]
        updated = []
        for key, message in messages.items():
            if key in stored:
                result = merged(stored[key], message)
                if result != stored[key]:
                    updated.append(result)
                else:
                    summary.count(RECORD_TYPE, Outcome.UNCHANGED)
        uow.messages.add_many(added)
        uow.messages.update_many(updated)
        uow.commit()
    summary.count(RECORD_TYPE, Outcome.ADDED, len(added))
    summary.count(RECORD_TYPE, Outcome.UPDATED, len(updated))


def _resolve_senders(
    seen: list[MessageSeen], people: ProfileResolver, origin: str, summary: IngestSummary
) -> dict[MessageKey, MailingListSenderRef | None]:
    """Each message's sender, resolved in one bulk call; a message whose sender the hub
    refuses is reported and left out."""
    claims: list[MailingListSenderClaim] = [m.sender for m in seen if m.sender is not None]
    refs = iter(people.get_or_create_each(claims))
    senders: dict[MessageKey, MailingListSenderRef | None] = {}
    for message in seen:
        ref = None if message.sender is None else next(refs)
        if isinstance(ref, IdentityError):
            where = f"message <{message.message_id}>"
            summary.problem(SourceProblem(origin, where, f"sender: {ref}"), RECORD_TYPE)
        else:
            senders[(message.list_name, message.message_id)] = ref
    return senders


def _message(item: MessageSeen, sender: MailingListSenderRef | None) -> Message:
    return Message(
        list_name=item.list_name,
        message_id=item.message_id,
        message_id_hash=item.message_id_hash,
        subject=item.subject,
        sent_at=item.sent_at,
        sender=sender,
        parent_hash=item.parent_hash,
        thread_hash=item.thread_hash,
        body=item.body,
    )
