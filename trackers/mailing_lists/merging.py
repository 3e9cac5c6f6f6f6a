"""How a message seen again updates the stored one: first write wins.

A message does not change once sent, so two sources (an mbox export and a HyperKitty page)
can only differ in what they managed to read. The stored message keeps every value it has
and takes from a new sighting only what it lacked, as the seed system did; so collecting in
any order, any number of times, settles on the same record.
"""

import attrs

from trackers.mailing_lists.records import Message


def merged(stored: Message | None, new: Message) -> Message:
    if stored is None:
        return new
    return attrs.evolve(
        stored,
        subject=stored.subject or new.subject,
        sent_at=stored.sent_at if stored.sent_at is not None else new.sent_at,
        sender=stored.sender if stored.sender is not None else new.sender,
        parent_hash=stored.parent_hash if stored.parent_hash is not None else new.parent_hash,
        body=stored.body or new.body,
    )
