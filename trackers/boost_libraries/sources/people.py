"""The people a ``meta/libraries.json`` names, as claims: ``"Name <address>"`` strings.

Addresses are written to dodge harvesters, and each way is undone: ``user -at- example.com``,
``user at example dot com``, ``user -dot- name@example.com``, ``user(at)example.com``,
``user [at] example.com``. A name given without an address is a claim by name alone; an
address given alone is a claim by address. Nothing here guesses a GitHub account.
"""

import re

from core.protocols.claims import BoostAuthorClaim
from core.sources.text import clean_text

_WITH_ADDRESS = re.compile(r"^(?P<name>[^<]*)<(?P<address>[^>]*)>?\s*$")
_AT = re.compile(r"\s*(?:-at-|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:-dot-|\(dot\)|\[dot\]|\{dot\}|\s+dot\s+)\s*", re.IGNORECASE)
_ADDRESS = re.compile(r"[^\s@<>]+@[^\s@<>]+")


def person_claim(text: str) -> BoostAuthorClaim | None:
    """The person ``text`` names, or None when it names nobody (an empty string)."""
    text = " ".join(clean_text(text).split())
    found = _WITH_ADDRESS.match(text)
    if found is None:
        if _ADDRESS.fullmatch(text):
            return BoostAuthorClaim("", text)
        return BoostAuthorClaim(text) if text else None
    name = found["name"].strip().strip(",;")
    address = _address(found["address"])
    if not name and not address:
        return None
    return BoostAuthorClaim(name, address)


def _address(obfuscated: str) -> str:
    """The address as meant; "" when what is left is no address at all."""
    address = _DOT.sub(".", _AT.sub("@", f" {obfuscated.strip()} ")).strip()
    address = address.removeprefix("mailto:")
    return address if _ADDRESS.fullmatch(address) else ""
