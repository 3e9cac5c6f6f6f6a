"""The sender of a message, from a ``From`` header or a HyperKitty item, as a claim.

``email.utils.parseaddr`` is not used: its answers for broken input changed within Python 3.12
(the stricter parsing of CVE-2023-27043 returns ``('', '')`` where older releases guessed), and
list archives are mostly broken input. The small scanner below reads the forms archives hold:
``Name <addr>``, ``addr (Name)``, bare ``addr``, ``"Surname, Given" <addr>``, unquoted
``Surname, Given <addr>``, ``. <addr>``, ``<>`` and pipermail's ``user at example.com (Name)``.

Names and addresses are given as the source wrote them, decoded and on one line; the hub
normalises them later. Two exceptions, because the hub keys a sender by (address, name) and
would split one person in two: a name with no letter or digit (``.``, ``-``, ``""``) is no name,
and a name wrapped in single quotes loses them.
"""

import re

import attrs

from core.protocols.claims import MailingListSenderClaim
from core.sources.text import clean_text
from trackers.mailing_lists.sources.text import decode_encoded_words, one_line

_SPACE = re.compile(r"\s+")
# Pipermail writes "user at example.com"; the domain needs a dot so "John at home" stays a name.
_PIPERMAIL_ADDRESS = re.compile(r"^\s*([^\s@<>()\"]+)\s+at\s+([^\s@<>()\"]+\.[^\s@<>()\"]+)\s*$")
# HyperKitty writes "user (a) example.com".
_HYPERKITTY_AT = re.compile(r"\s*\(a\)\s*")


@attrs.frozen
class _Mailbox:
    phrase: str  # Text outside angle brackets and comments, quoted strings unquoted.
    comments: str
    angle: str | None  # The text inside the last <...>, None when there is none.


def _scan(value: str) -> _Mailbox:
    phrase: list[str] = []
    comments: list[str] = []
    angle: str | None = None
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c == '"':
            i += 1
            while i < n and value[i] != '"':
                if value[i] == "\\" and i + 1 < n:
                    i += 1
                phrase.append(value[i])
                i += 1
            i += 1
        elif c == "(":
            depth, i = 1, i + 1
            start = len(comments)
            while i < n and depth:
                if value[i] == "\\" and i + 1 < n:
                    i += 1
                elif value[i] == "(":
                    depth += 1
                elif value[i] == ")":
                    depth -= 1
                    if not depth:
                        break
                comments.append(value[i])
                i += 1
            i += 1
            if len(comments) > start:
                comments.append(" ")
        elif c == "<":
            end = value.find(">", i + 1)
            end = n if end < 0 else end
            angle = value[i + 1 : end]
            phrase.append(" ")
            i = end + 1
        else:
            phrase.append(c)
            i += 1
    return _Mailbox("".join(phrase), "".join(comments), angle)


def _unobfuscated(address: str) -> str:
    if "@" in address:
        return address
    return _PIPERMAIL_ADDRESS.sub(r"\1@\2", address)


def _name(value: str) -> str:
    name = one_line(clean_text(decode_encoded_words(value)))
    if len(name) >= 2 and name[0] == name[-1] == "'":
        name = name[1:-1].strip()
    return name if any(c.isalnum() for c in name) else ""


def _address(value: str) -> str:
    return _SPACE.sub("", clean_text(value)).removeprefix("mailto:")


def _claim(name: str, address: str) -> MailingListSenderClaim | None:
    if not name and not address:
        return None  # A bounce's "<>", or an empty header: nobody sent it.
    return MailingListSenderClaim(display_name=name, email=address)


def sender_from_header(value: str) -> MailingListSenderClaim | None:
    """The sender named in a ``From`` value already decoded to text (encoded words still
    encoded, so that a decoded name holding ``<`` or ``,`` cannot change the structure)."""
    mailbox = _scan(value)
    if mailbox.angle is not None:
        address = _unobfuscated(mailbox.angle)
        name = mailbox.phrase if _name(mailbox.phrase) else mailbox.comments
        return _claim(_name(name), _address(address))
    plain = _unobfuscated(mailbox.phrase)
    words = plain.replace(",", " ").replace(";", " ").split()
    at = next((i for i, word in enumerate(words) if "@" in word), None)
    if at is None:
        # No address at all ("MAILER-DAEMON", "John Doe"): the text is a name.
        return _claim(_name(plain) or _name(mailbox.comments), "")
    rest = " ".join(word for word in words if "@" not in word)  # Not a second address.
    return _claim(_name(mailbox.comments) or _name(rest), _address(words[at]))


def sender_from_hyperkitty(sender: object, sender_name: object) -> MailingListSenderClaim | None:
    """HyperKitty's ``sender`` (an obfuscated address string, or an object with ``address`` in
    some versions, or with only a ``mailman_id``) and ``sender_name``."""
    if isinstance(sender, dict):
        sender = sender.get("address")
    address = sender if isinstance(sender, str) else ""
    if "@" not in address:
        address = _HYPERKITTY_AT.sub("@", address.strip(), count=1)
    name = sender_name if isinstance(sender_name, str) else ""
    return _claim(_name(name), _address(address))
