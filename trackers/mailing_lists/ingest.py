"""What the mailing-list tracker stores and how: its one record type, for the kit's engine.

A message does not change once sent, so two sources (an mbox export and a HyperKitty page) can
only differ in what they managed to read: the stored message keeps every value it has and
takes from a new sighting only what it lacked, so collecting in any order, any number of
times, settles on the same record.

Erasure: a sender erased on request leaves their messages in their threads, with no sender
and no body; the subject stays, so replies still read in order.
"""

from core.protocols.refs import MailingListSenderRef
from core.protocols.trackers import FillGaps, RecordType, Redact, Source, Tracker
from trackers.mailing_lists.records import Message
from trackers.mailing_lists.sources.hyperkitty import read_hyperkitty
from trackers.mailing_lists.sources.mbox import read_mbox

type MessageKey = tuple[str, str]  # (list_name, message_id)

MESSAGES = RecordType[Message[MailingListSenderRef], MessageKey](
    "mailing_lists.message",
    Message,
    ("list_name", "message_id"),
    FillGaps(),
    "message <{r.message_id}>",
    erased=Redact(("body",), by=("sender",)),
)

MAILING_LISTS = Tracker(
    "mailing_lists",
    record_types=(MESSAGES,),
    unreadable="mailing_lists.message",
    sources=(
        Source(
            "mbox",
            "mbox archives, Mailman 2 (pipermail) exports included; files or folders",
            read_mbox,
            suffixes=(".mbox", ".mbx", ".txt", ".mbox.gz", ".txt.gz"),
        ),
        Source(
            "hyperkitty-json",
            "saved HyperKitty (Mailman 3) REST pages; files or folders of .json files",
            read_hyperkitty,
            suffixes=(".json",),
        ),
    ),
)
