"""What the mailing-list tracker stores.

Threads are keyed the way HyperKitty keys them, by the hash of a Message-ID
(``message_id_hash``): HyperKitty pages name parents and threads only by that hash, and an
mbox message's hash can be computed from its Message-ID, so both sources thread alike.
"""

from datetime import datetime

import attrs

from core.protocols.claims import MailingListSenderClaim
from core.protocols.refs import MailingListSenderRef


@attrs.frozen
class MessageSeen:
    """A message as a source read it; its sender not yet resolved to a profile."""

    list_name: str
    message_id: str  # Without angle brackets; synthesised when the source has none.
    message_id_hash: str
    subject: str
    sent_at: datetime | None  # Aware, UTC; None when the date is missing or unreadable.
    sender: MailingListSenderClaim | None
    parent_hash: str | None  # message_id_hash of the message replied to.
    thread_hash: str  # message_id_hash of the thread's first message.
    body: str  # The text/plain part, decoded; "" when there is none.


@attrs.frozen
class Message:
    """A stored message. Its natural key is (list_name, message_id)."""

    list_name: str
    message_id: str
    message_id_hash: str
    subject: str
    sent_at: datetime | None
    sender: MailingListSenderRef | None
    parent_hash: str | None
    thread_hash: str
    body: str
