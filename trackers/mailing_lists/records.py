"""What the mailing-list tracker stores.

A message is generic over how it holds its sender: a source yields it with a claim
(``MessageSeen``), the store keeps it with a typed ref (``Message[MailingListSenderRef]``).

Threads are keyed the way HyperKitty keys them, by the hash of a Message-ID
(``message_id_hash``): HyperKitty pages name parents and threads only by that hash, and an
mbox message's hash can be computed from its Message-ID, so both sources thread alike.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import MailingListSenderClaim
from core.protocols.trackers import person

P = TypeVar("P", covariant=True)


@attrs.frozen
class Message(Generic[P]):
    """A message; its natural key is (list_name, message_id)."""

    list_name: str
    message_id: str  # Without angle brackets; synthesised when the source has none.
    message_id_hash: str
    subject: str
    sent_at: datetime | None  # Aware, UTC; None when the date is missing or unreadable.
    sender: P | None = person()
    parent_hash: str | None = None  # message_id_hash of the message replied to.
    thread_hash: str = ""  # message_id_hash of the thread's first message.
    body: str = ""  # The text/plain part, decoded; "" when there is none.


MessageSeen = Message[MailingListSenderClaim]
