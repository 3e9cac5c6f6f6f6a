"""Message-IDs as both sources key them: the id without angle brackets, and its hash.

HyperKitty names messages, parents and threads only by ``message_id_hash``, so an mbox message
must hash exactly as HyperKitty hashes it for both sources to thread alike; ``normalize`` and
``message_id_hash`` follow HyperKitty's ``get_message_id`` and ``get_message_id_hash``.
"""

import base64
import hashlib
import re

# HyperKitty cuts ids to 254 characters (its column is VARCHAR(255)) before hashing them.
ID_LIMIT = 254
SYNTHETIC_DOMAIN = "trackerhub.invalid"

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"<([^<>]*)>")
_BARE = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


def message_id_hash(message_id: str) -> str:
    """HyperKitty's and Mailman's hash of a Message-ID: base32 of the SHA-1 of the id without
    angle brackets, in UTF-8 (32 characters of A-Z and 2-7)."""
    digest = hashlib.sha1(message_id.strip("<>").encode("utf-8", errors="replace")).digest()
    return base64.b32encode(digest).decode("ascii")


def normalize(value: str) -> str:
    """The id in a Message-ID header value: the first bracketed id, else the whole value; white
    space (from folding) removed and angle brackets dropped; "" when there is none."""
    match = _BRACKETED.search(value)
    found = match.group(1) if match else value
    return _SPACE.sub("", found).strip("<>")[:ID_LIMIT]


def _valid(candidate: str) -> bool:
    return "@" in candidate and not _SPACE.search(candidate)


def extract_ids(value: str) -> list[str]:
    """The message ids in an In-Reply-To or References value, in order.

    Real values hold garbage: ``<id> (John's message of Monday)``, MH's ``Message from "Jane"
    <jane@example.com> of "Mon, 01 Jan 2001." <id>``, several ids, ids without brackets, or
    nothing. We keep bracketed tokens that look like ids (an "@", no white space); when there
    are none, bare ``local@domain`` tokens. Callers take the last id as the parent, which is
    also what MH's form needs (the address it quotes comes first)."""
    ids = [c.strip() for c in _BRACKETED.findall(value) if _valid(c.strip())]
    if not ids and "<" not in value:
        ids = _BARE.findall(value)
    return [i[:ID_LIMIT] for i in ids]


def synthesize(date: bytes, sender: bytes, subject: bytes, body: bytes) -> str:
    """A Message-ID for a message that has none, stable across runs so that reading an archive
    twice gives the same ids (ingest upserts by id). Built from the raw bytes of the Date, From
    and Subject headers and of the body, so a change in how we decode them never changes it."""
    digest = hashlib.sha1(b"\n".join((date, sender, subject, body))).hexdigest()
    return f"{digest}@{SYNTHETIC_DOMAIN}"
