"""A list's short name ("boost") from the places sources name it."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_BRACKETED = re.compile(r"<([^<>]+)>")
_LIST_IN_URL = re.compile(r"/list/([^/]+)(?:/|$)")


def from_list_id(value: str) -> str:
    """``Boost Developers <boost.lists.boost.org>`` -> ``boost`` (RFC 2919: the id is the list's
    name followed by its namespace, dot-separated); "" when there is none."""
    match = _BRACKETED.search(value)
    list_id = (match.group(1) if match else value).strip()
    if not list_id or " " in list_id:
        return ""
    return list_id.split(".", 1)[0]


def from_address(value: str) -> str:
    """``boost@lists.boost.org`` -> ``boost``; a bare name is returned as it is."""
    return value.strip().split("@", 1)[0]


def from_url(value: object) -> str:
    """The list in a HyperKitty URL (``.../list/boost@lists.boost.org/email/<hash>/``) ->
    ``boost``; "" when the URL names none."""
    if not isinstance(value, str):
        return ""
    match = _LIST_IN_URL.search(urlsplit(value).path)
    return from_address(unquote(match.group(1))) if match else ""


def from_path(path: Path) -> str:
    """The file's stem, after a ``.gz``: ``boost.mbox`` -> ``boost``, ``2007-January.txt.gz``
    -> ``2007-January``, ``boost@lists.boost.org.json`` -> ``boost``."""
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    return from_address(Path(name).stem) or path.name
