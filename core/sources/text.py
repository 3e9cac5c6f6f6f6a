"""Text that every database can store, from whatever a source decoded."""

import re

# json.loads turns a "\ud800" escape into a lone surrogate, and bytes decoded with
# surrogateescape leave them too; no database or UTF-8 file can store one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without NUL characters (PostgreSQL refuses them in text) and with lone
    surrogates replaced by U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    return _LONE_SURROGATE.sub("\ufffd", value)
