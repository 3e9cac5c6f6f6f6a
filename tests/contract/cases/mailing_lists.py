"""The mailing-list tracker's store case: its one record type, on every adapter."""

from core.protocols.refs import MailingListSenderRef
from tests.contract.cases import T1, T3, StoreCase
from trackers.mailing_lists.ingest import MESSAGES
from trackers.mailing_lists.records import Message

CASES = [
    StoreCase(
        MESSAGES,
        full=Message(
            list_name="boost",
            message_id="CAFkX1@mail.example.com",
            message_id_hash="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            subject="Re: [boost] ünïcødé in Boost.JSON — 日本語 🚀",
            sent_at=T1,
            sender=MailingListSenderRef(42),
            parent_hash="PARENTHASH234567ABCDEFGHIJKLMNOP",
            thread_hash="THREADHASH234567ABCDEFGHIJKLMNOP",
            body="> quoted ünïcødé\n\nline one\nline two 💬\n",
        ),
        changed=Message(
            list_name="boost",
            message_id="CAFkX1@mail.example.com",
            message_id_hash="ZYXWVUTSRQPONMLKJIHGFEDCBA765432",
            subject="[boost] reworded",
            sent_at=T3,
            sender=MailingListSenderRef(43),
            parent_hash=None,
            thread_hash="ZYXWVUTSRQPONMLKJIHGFEDCBA765432",
            body="",
        ),
        sparse=Message(
            list_name="boost-users",
            message_id="2@x",
            message_id_hash="",
            subject="",
            sent_at=None,
        ),
    ),
]
