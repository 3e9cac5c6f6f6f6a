"""One RFC 5322 message, as bytes, read into a ``MessageSeen``.

Parsing uses the ``compat32`` policy, with header values handed back exactly as stored, rather
than ``email.policy.default``. The default policy parses each header into a structured object
when it is read: broken addresses, Message-IDs and dates then raise or come back half-parsed
depending on the Python release, and 8-bit bytes become U+FFFD before we can try UTF-8 or
Windows-1252 on them. compat32's feed parser never raises on bad input (it records defects), and
raw values (8-bit bytes kept as surrogate escapes) let ``text`` and ``senders`` decide.

Threading: the parent is the last id of ``In-Reply-To``, else the last id of ``References``; the
thread is the first id of ``References`` (the root of the chain), else the parent, else the
message itself. Ids equal to the message's own are ignored, so no message is its own parent.
"""

import re
from email.message import Message
from email.parser import BytesParser
from email.policy import Compat32
from typing import TYPE_CHECKING

from core.protocols.claims import MailingListSenderClaim
from core.sources.text import clean_text
from trackers.mailing_lists.records import MessageSeen
from trackers.mailing_lists.sources import list_names, message_ids
from trackers.mailing_lists.sources.dates import mail_date
from trackers.mailing_lists.sources.senders import sender_from_header
from trackers.mailing_lists.sources.text import (
    body_text,
    decode_bytes,
    header_text,
    raw_header_text,
)

# The feed parser's own test for a header line (email.feedparser.headerRE), minus continuations.
_HEADER_LINE = re.compile(rb"(?:[\x21-\x39\x3b-\x7e]+:|From )")
_BLANK = (b"\n", b"\r\n")
_MAX_DEPTH = 20  # Of nested multiparts searched for the body; real mail nests three deep.

if TYPE_CHECKING:  # typeshed makes Message generic in its header types; the runtime does not.
    MailMessage = Message[str, str]
else:
    MailMessage = Message


class UnparseableMessage(ValueError):
    """The bytes hold no message: no header line at all."""


class _RawHeaders(Compat32):
    """compat32, except that header values come back as stored: ``str`` with 8-bit bytes as
    surrogate escapes, never an ``email.header.Header`` object."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_PARSER = BytesParser(policy=_RawHeaders())


def _repair_headers(data: bytes) -> tuple[bytes, int]:
    """``data`` with broken folds mended, and the offset where the body starts.

    A header line that lost the leading space of its fold (``Subject: a long\\nsubject``) makes
    the feed parser end the headers there and read the rest, Message-ID included, as body. A line
    inside the header block that is not a header is taken for such a fold when a header line
    still follows it; otherwise it is where the body starts, as the feed parser decides."""
    lines: list[bytes] = []
    position = 0
    separator = 0  # Length of the blank line ending the headers, if there is one.
    while position < len(data):
        end = data.find(b"\n", position)
        end = len(data) if end < 0 else end + 1
        line = data[position:end]
        if line in _BLANK:
            separator = len(line)
            break
        lines.append(line)
        position = end
    last_header = max((i for i, line in enumerate(lines) if _HEADER_LINE.match(line)), default=0)
    stray = [
        i
        for i, line in enumerate(lines[:last_header])
        if i > 0 and not _HEADER_LINE.match(line) and line[:1] not in (b" ", b"\t")
    ]
    if not stray:
        return data, position + separator
    for i in stray:
        lines[i] = b" " + lines[i]
    repaired = b"".join(lines)
    return repaired + data[position:], len(repaired) + separator


def _first_text_plain(part: MailMessage, depth: int = 0) -> MailMessage | None:
    """The first text/plain part that is not an attachment, searching multipart/alternative
    and multipart/mixed in order but not forwarded messages (message/rfc822)."""
    if part.is_multipart():
        if depth >= _MAX_DEPTH or part.get_content_maintype() == "message":
            return None
        for sub in part.get_payload():
            if isinstance(sub, Message) and sub.get_content_maintype() != "message":
                found = _first_text_plain(sub, depth + 1)
                if found is not None:
                    return found
        return None
    if part.get_content_type() != "text/plain" or part.get_content_disposition() == "attachment":
        return None
    return part


def _body(part: MailMessage | None) -> str:
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return body_text(decode_bytes(payload, part.get_content_charset(), guess_gb=True))


def _raw_bytes(value: str | None) -> bytes:
    """The bytes the parser read for a header value, with CRLF made LF so that one message gives
    one id whichever line ends its archive uses."""
    if value is None:
        return b""
    return value.encode("utf-8", errors="surrogateescape").replace(b"\r\n", b"\n")


def _hash(message_id: str | None) -> str | None:
    return None if message_id is None else message_ids.message_id_hash(message_id)


def read_message(data: bytes, list_name: str | None, fallback_list_name: str) -> MessageSeen:
    """The message in ``data``; ``list_name`` when given, else its List-Id's, else
    ``fallback_list_name``. Raises ``UnparseableMessage`` when ``data`` has no header line."""
    data, body_start = _repair_headers(data)
    message: MailMessage = _PARSER.parsebytes(data)
    if not message.keys():
        raise UnparseableMessage("no header lines: not an RFC 5322 message")

    body_part = _first_text_plain(message)
    # Raw 8-bit headers are most likely in the charset the sender's client used for the body.
    hint = (body_part if body_part is not None else message).get_content_charset()
    hint = hint or message.get_content_charset()

    def header(name: str) -> str | None:
        value = message.get(name)
        return value if isinstance(value, str) else None

    def text(name: str) -> str:
        value = header(name)
        return "" if value is None else header_text(value, hint)

    def ids(name: str) -> str:  # Ids are never RFC 2047 encoded: only raw bytes are decoded.
        value = header(name)
        return "" if value is None else raw_header_text(value, hint)

    raw_from = header("From")
    sender: MailingListSenderClaim | None = None
    if raw_from is not None:
        sender = sender_from_header(raw_header_text(raw_from, hint))
    subject = text("Subject")
    body = _body(body_part)

    message_id = message_ids.normalize(ids("Message-ID"))
    if not message_id:
        message_id = message_ids.synthesize(
            _raw_bytes(header("Date")),
            _raw_bytes(raw_from),
            _raw_bytes(header("Subject")),
            data[body_start:].replace(b"\r\n", b"\n"),
        )
    message_id = clean_text(message_id)

    def other(found: list[str]) -> list[str]:
        return [i for i in found if i != message_id]

    in_reply_to = other(message_ids.extract_ids(ids("In-Reply-To")))
    references = other(message_ids.extract_ids(ids("References")))
    parent = in_reply_to[-1] if in_reply_to else (references[-1] if references else None)
    thread = references[0] if references else (parent or message_id)

    return MessageSeen(
        list_name=list_name or list_names.from_list_id(text("List-Id")) or fallback_list_name,
        message_id=message_id,
        message_id_hash=message_ids.message_id_hash(message_id),
        subject=subject,
        sent_at=mail_date(text("Date")),
        sender=sender,
        parent_hash=_hash(parent),
        thread_hash=message_ids.message_id_hash(thread),
        body=body,
    )
