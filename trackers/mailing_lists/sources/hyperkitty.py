"""Saved pages of HyperKitty's (Mailman 3) REST API: ``/api/list/<list>/emails/`` pages
(``{"count", "next", "previous", "results": [...]}``), a bare array of emails, or one email.

HyperKitty names parents and threads by URL (``.../email/<hash>/``, ``.../thread/<hash>/``);
their last path segment is the ``message_id_hash`` that mbox messages hash to as well. Values
are cleaned as the mbox reader cleans them (no NULs, subjects and names on one line), so one
message read from either source gives the same record.

A file up to LOAD_WHOLE_UP_TO bytes is loaded whole, and a fault in it is told by line and
column. A bigger one is streamed (json_stream): its emails are read one at a time, those before
a fault stand, and the fault is told by byte offset (``byte N``, within 4 KiB).
"""

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from core.protocols.ingest import SourceProblem
from trackers.mailing_lists.records import MessageSeen
from trackers.mailing_lists.sources import list_names, message_ids
from trackers.mailing_lists.sources.dates import iso_date
from trackers.mailing_lists.sources.json_stream import JsonStream, StreamError
from trackers.mailing_lists.sources.senders import sender_from_hyperkitty
from trackers.mailing_lists.sources.text import body_text, clean_text, one_line

_HASH = re.compile(r"[A-Z2-7]{32}")
_EMAIL_URL = re.compile(r"/(?:email|message)/([^/]+)/?$")
_THREAD_URL = re.compile(r"/thread/([^/]+)/?$")
_NOT_A_PAGE = "not a HyperKitty page: no results list, email list or email object"
# Files up to this size are loaded whole; bigger ones are streamed, one email at a time.
LOAD_WHOLE_UP_TO = 8 * 1024 * 1024


def _string(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _linked_hash(value: object, url_pattern: re.Pattern[str], key: str) -> str | None:
    """A hash given bare, as a URL whose last segment it is, or as an object holding either."""
    if isinstance(value, dict):
        value = value.get(key) or value.get("url")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if _HASH.fullmatch(value):
        return value
    match = url_pattern.search(urlsplit(value).path)
    return match.group(1) if match else None


def _items(document: object) -> list[object] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        results = document.get("results")
        if isinstance(results, list):
            return results
        if "message_id" in document:
            return [document]
    return None


def _message(item: dict[str, object], fallback_list_name: str) -> MessageSeen | str:
    message_id = message_ids.normalize(_string(item.get("message_id")))
    if not message_id:
        return "no message_id"
    given_hash = _string(item.get("message_id_hash")).strip()
    own_hash = given_hash or message_ids.message_id_hash(message_id)
    return MessageSeen(
        list_name=list_names.from_url(item.get("mailinglist"))
        or list_names.from_url(item.get("url"))
        or fallback_list_name,
        message_id=message_id,
        message_id_hash=own_hash,
        subject=one_line(_string(item.get("subject"))),
        sent_at=iso_date(item.get("date")),
        sender=sender_from_hyperkitty(item.get("sender"), item.get("sender_name")),
        parent_hash=_linked_hash(item.get("parent"), _EMAIL_URL, "message_id_hash"),
        thread_hash=_linked_hash(item.get("thread"), _THREAD_URL, "thread_id") or own_hash,
        body=body_text(_string(item.get("content"))),
    )


def read_hyperkitty(path: Path) -> Iterator[MessageSeen | SourceProblem]:
    """Every email in the saved page at ``path``; a problem for each item that is not one."""
    where = str(path)
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > LOAD_WHOLE_UP_TO:
                yield from _read_streamed(where, path, stream)
                return
            document = json.load(stream)
    except OSError as error:
        yield SourceProblem(where, "", f"cannot open: {error.strerror or error}")
        return
    except json.JSONDecodeError as error:
        yield SourceProblem(where, f"line {error.lineno} column {error.colno}", error.msg)
        return
    except UnicodeDecodeError as error:  # json.load decodes bytes as UTF-8, -16 or -32.
        yield SourceProblem(where, f"byte {error.start}", f"not JSON text: {error.reason}")
        return
    except RecursionError:
        yield SourceProblem(where, "", "JSON nested too deeply")
        return
    yield from _read_document(where, path, document)


def _read_streamed(where: str, path: Path, file: BinaryIO) -> Iterator[MessageSeen | SourceProblem]:
    """The emails of a file too big to load whole, read one at a time as it is parsed."""
    encoding = json.detect_encoding(file.read(4))
    if not encoding.startswith("utf-8"):
        yield SourceProblem(
            where, "byte 0", f"not JSON text: {encoding}, and a file this big is read as UTF-8"
        )
        return
    stream = JsonStream(file)
    try:
        prefix = stream.list_prefix(("results",))
        if prefix:
            yield from _emails(where, path, stream.values(prefix))
            return
        # No results list: the whole value, one email or not a page.
        (document,) = stream.values(prefix)
    except StreamError as error:
        yield SourceProblem(where, f"byte {error.offset}", error.reason)
        return
    yield from _read_document(where, path, document)


def _read_document(
    where: str, path: Path, document: object
) -> Iterator[MessageSeen | SourceProblem]:
    items = _items(document)
    if items is None:
        yield SourceProblem(where, "", _NOT_A_PAGE)
        return
    yield from _emails(where, path, items)


def _emails(
    where: str, path: Path, items: Iterable[object]
) -> Iterator[MessageSeen | SourceProblem]:
    fallback = list_names.from_path(path)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            yield SourceProblem(where, f"item {index}", f"not an object: {type(item).__name__}")
            continue
        message = _message(item, fallback)
        if isinstance(message, str):
            yield SourceProblem(where, f"item {index}", message)
        else:
            yield message
