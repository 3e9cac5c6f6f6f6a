"""Saved pages of HyperKitty's (Mailman 3) REST API: ``/api/list/<list>/emails/`` pages
(``{"count", "next", "previous", "results": [...]}``), a bare array of emails, or one email.

HyperKitty names parents and threads by URL (``.../email/<hash>/``, ``.../thread/<hash>/``);
their last path segment is the ``message_id_hash`` that mbox messages hash to as well. Values
are cleaned as the mbox reader cleans them (no NULs, subjects and names on one line), so one
message read from either source gives the same record.

Small files are loaded whole and big ones streamed, by the toolkit's ``json_items``.
"""

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from core.protocols.ingest import SourceProblem
from core.sources.files import path_text
from core.sources.json_files import json_items
from core.sources.text import clean_text
from trackers.mailing_lists.records import MessageSeen
from trackers.mailing_lists.sources import list_names, message_ids
from trackers.mailing_lists.sources.dates import iso_date
from trackers.mailing_lists.sources.senders import sender_from_hyperkitty
from trackers.mailing_lists.sources.text import body_text, one_line

_HASH = re.compile(r"[A-Z2-7]{32}")
_EMAIL_URL = re.compile(r"/(?:email|message)/([^/]+)/?$")
_THREAD_URL = re.compile(r"/thread/([^/]+)/?$")
_NOT_A_PAGE = "not a HyperKitty page: no results list, email list or email object"


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


def _items(document: object) -> Sequence[object] | str:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        results = document.get("results")
        if isinstance(results, list):
            return results
        if "message_id" in document:
            return [document]
    return _NOT_A_PAGE


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


def read_hyperkitty(path: Path, since: str | None = None) -> Iterator[MessageSeen | SourceProblem]:
    """Every email in the saved page at ``path``; a problem for each item that is not one.
    ``since`` is not used: a saved page is read whole."""
    where = path_text(path)
    fallback = list_names.from_path(path)
    for entry in json_items(path, list_keys=("results",), page=_items):
        if isinstance(entry, SourceProblem):
            yield entry
            continue
        index, item = entry
        if not isinstance(item, dict):
            yield SourceProblem(where, f"item {index}", f"not an object: {type(item).__name__}")
            continue
        message = _message(item, fallback)
        if isinstance(message, str):
            yield SourceProblem(where, f"item {index}", message)
        else:
            yield message
