"""Text and address normalisation shared by every profile kind.

Display values keep their case and script; key values are NFKC-folded, casefolded and
whitespace-collapsed, so that "JOHN  Doe" and "john doe" name the same key. Control
characters, NUL included, are stripped: PostgreSQL rejects NUL in text, and no real name or
address needs one.
"""

import re
import unicodedata

from core.protocols.errors import InvalidEmail, InvalidProfileClaim

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")

NAME_LIMIT = 255
EMAIL_LIMIT = 254
URL_LIMIT = 1000


def clean(value: str) -> str:
    """``value`` with lone surrogates replaced, control characters removed and runs of
    white space collapsed to one space."""
    if not isinstance(value, str):
        raise InvalidProfileClaim(f"expected text, got {type(value).__name__} {value!r}")
    # Surrogates come from bytes decoded with surrogateescape; no database can store them.
    value = value.encode("utf-8", "replace").decode("utf-8")
    value = _CONTROL.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


def display(value: str, field: str, limit: int = NAME_LIMIT) -> str:
    """A cleaned display value, refused when longer than the store keeps."""
    cleaned = clean(value)
    if len(cleaned) > limit:
        raise InvalidProfileClaim(
            f"{field} is {len(cleaned)} characters long, more than {limit}: {cleaned[:40]!r}..."
        )
    return cleaned


def fold(value: str) -> str:
    """The key form of a name: cleaned, NFKC-normalised and casefolded."""
    return clean(unicodedata.normalize("NFKC", clean(value))).casefold()


def raw_email(value: str) -> str:
    """An address as a key ingredient: cleaned, angle brackets dropped, lower-cased. It need
    not be a valid address (git accepts anything)."""
    cleaned = clean(value).strip("<>").strip()
    if len(cleaned) > EMAIL_LIMIT:
        raise InvalidProfileClaim(
            f"email is {len(cleaned)} characters long, more than {EMAIL_LIMIT}: {cleaned[:40]!r}..."
        )
    return cleaned.lower()


def is_address(value: str) -> bool:
    return bool(_EMAIL.match(value))


def email_address(value: str) -> str:
    """A valid address in its stored form, or InvalidEmail saying why not."""
    try:
        address = raw_email(value)
    except InvalidProfileClaim as error:
        raise InvalidEmail(str(error)) from None
    if not is_address(address):
        raise InvalidEmail(f"{value!r} is not an email address of the form local@domain")
    return address
