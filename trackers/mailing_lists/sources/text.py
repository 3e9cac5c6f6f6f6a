"""Bytes and header values from real-world mail turned into text, without ever failing.

Archives hold decades of mail from broken clients: charsets that are wrong, unknown to Python or
missing, raw 8-bit bytes where RFC 5322 allows only ASCII, encoded words with a lying charset.
Every function here returns text for any input.

Text values leave this package without NUL characters: PostgreSQL refuses NUL in text columns,
and no subject, name or body means anything by one. Lone surrogates (which JSON escapes and the
UTF-7 codec can produce) become U+FFFD for the same reason: no database can store them.
"""

import binascii
import codecs
import re
from functools import lru_cache

from core.sources.text import clean_text

# Declared names mapped to the codec that decodes what senders really meant, as browsers do
# (WHATWG Encoding Standard): GB2312 mail routinely holds GBK characters, and text labelled
# Latin-1 or ASCII routinely holds Windows-1252 quotes and dashes.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ks-c-5601-1987": "cp949",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
}
# Python codecs that are not mail charsets: a message naming one must not make us unescape or
# punycode-decode its text.
_NOT_MAIL_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}
)
# Codecs that turn pure-ASCII bytes into other characters: ISO-2022 escape sequences, UTF-7.
_SEVEN_BIT_PREFIXES = ("iso2022", "utf-7", "hz")

_SURROGATE = re.compile("[\ud800-\udfff]")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_LINE_SPACE = re.compile(r"[ \t\r\n]+")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_HIGH_BYTE_PAIR = re.compile(rb"[\x81-\xfe](.)", re.DOTALL)


@lru_cache(maxsize=256)
def codec_name(declared: str | None) -> str | None:
    """The Python codec for a charset named in a message, or None when there is none usable."""
    if not declared:
        return None
    name = declared.strip().strip("\"'").lower().replace("_", "-")
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
        # Bytes-to-bytes codecs (base64, zlib) raise LookupError; b"" would skip the check.
        b"x".decode(info.name, errors="ignore")
    except (LookupError, ValueError, TypeError):
        return None
    if info.name in _NOT_MAIL_CHARSETS:
        return None
    return info.name


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


def _looks_like_gb(data: bytes) -> bool:
    """Whether undeclared 8-bit bytes are more likely GB2312/GBK than Windows-1252.

    GB18030 accepts nearly any byte string, Latin-1 text included ("G\\xf6ran" pairs 0xF6 with
    "r"). GB2312 text pairs high bytes with high bytes, while Latin-1 text mostly follows a high
    byte with an ASCII letter; so we call it GB when most high-byte pairs are high-high."""
    pairs = 0
    ascii_trails = 0
    for match in _HIGH_BYTE_PAIR.finditer(data):
        pairs += 1
        if match.group(1)[0] < 0x80:
            ascii_trails += 1
    return pairs > 0 and ascii_trails * 5 <= pairs


def decode_bytes(data: bytes, declared: str | None = None, *, guess_gb: bool = False) -> str:
    """Text from ``data`` in the charset ``declared`` (which may be wrong, unknown or None).

    ASCII bytes are ASCII unless a 7-bit codec (ISO-2022-JP, UTF-7) is declared. Otherwise the
    guesses go: UTF-8 (8-bit bytes that are valid UTF-8 are UTF-8 in practice, whatever the label
    says: "Latin-1" mail that is really UTF-8 is the commonest lie), then the declared charset,
    then GB18030 when ``guess_gb`` and the bytes look like GB2312, then Windows-1252 with
    undecodable bytes replaced, which cannot fail. Returns text with NULs removed.
    """
    codec = codec_name(declared)
    if data.isascii():
        text = _try(data, codec) if _is_seven_bit(codec) else None
        return clean_text(data.decode("ascii") if text is None else text)
    text = _try(data, "utf-8")
    if text is None:
        text = _try(data, codec)
    if text is None and guess_gb and _looks_like_gb(data):
        text = _try(data, "gb18030")
    if text is None:
        text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def one_line(value: str) -> str:
    """Runs of spaces, tabs and line breaks collapsed to one space, ends stripped.

    Header writers fold at any space and may turn it into a tab, so the exact white space of a
    header value cannot be recovered; one space is its faithful form."""
    return _LINE_SPACE.sub(" ", value).strip(" ")


def _is_seven_bit(codec: str | None) -> bool:
    return codec is not None and codec.startswith(_SEVEN_BIT_PREFIXES)


def raw_header_text(raw: str, hint: str | None = None) -> str:
    """A header value as the compat32 parser stores it (8-bit bytes as surrogate escapes)
    decoded to text: UTF-8 if valid, else the message's charset ``hint``, else Windows-1252;
    folds removed (RFC 5322 unfolding) and stray line breaks turned into spaces.

    Japanese clients also write ISO-2022-JP into headers unencoded: 7-bit, so no surrogate
    shows it, but its escape sequences do; it is decoded with the hint when that is a 7-bit
    charset, else as ISO-2022-JP."""
    if "\x1b" in raw:
        hint = hint if _is_seven_bit(codec_name(hint)) else "iso-2022-jp"
    if "\x1b" in raw or _SURROGATE.search(raw):
        raw = decode_bytes(raw.encode("ascii", errors="surrogateescape"), hint)
    else:
        raw = clean_text(raw)
    return _FOLD.sub("", raw).replace("\r", " ").replace("\n", " ")


def _word_bytes(encoding: str, encoded: str) -> bytes | None:
    if encoding in "Qq":
        raw = encoded.replace("_", " ").encode("utf-8", errors="replace")
        return _QP_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    try:
        return binascii.a2b_base64(encoded + "=" * (-len(encoded) % 4))
    except binascii.Error:
        return None


def decode_encoded_words(value: str) -> str:
    """RFC 2047 encoded words decoded; anything else left as it is.

    Adjacent words in one charset are decoded together, because encoders split multi-byte
    characters across words; white space between adjacent words is dropped, as RFC 2047 says.
    A word whose charset lies is decoded like a body (UTF-8 first, then the label). A word that
    cannot be decoded at all is kept as written."""
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset = ""
    after_word = False  # Whether the text before this match ended with a decoded word.
    position = 0

    def flush() -> None:
        if pending:
            out.append(decode_bytes(b"".join(pending), pending_charset))
            pending.clear()

    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 lets a charset end in *language.
        decoded = _word_bytes(match.group(2), match.group(3))
        adjacent = after_word and not between.strip(" \t")
        if decoded is None:
            flush()
            out.append(between + match.group(0))
        elif adjacent and charset.lower() == pending_charset.lower():
            pending.append(decoded)
        else:
            flush()
            if not adjacent:
                out.append(between)
            pending.append(decoded)
            pending_charset = charset
        after_word = decoded is not None
        position = match.end()
    flush()
    out.append(value[position:])
    return "".join(out)


def header_text(raw: str, hint: str | None = None) -> str:
    """A header value as readable one-line text: raw bytes decoded, unfolded, encoded words
    decoded, white space collapsed."""
    return one_line(decode_encoded_words(raw_header_text(raw, hint)))


def body_text(value: str) -> str:
    """Body text with line endings made ``\\n`` and NULs removed."""
    return clean_text(value.replace("\r\n", "\n").replace("\r", "\n"))
