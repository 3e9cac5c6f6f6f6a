"""Reading mbox archives: every quirk of formats.md's "Mailing lists" section, on committed
fixtures (tests/fixtures/mailing_lists, written by make_fixtures.py), then properties over
generated archives."""

import gzip
import hashlib
import re
import tempfile
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protocols.claims import MailingListSenderClaim
from core.protocols.ingest import SourceProblem
from trackers.mailing_lists.records import Message, MessageSeen
from trackers.mailing_lists.sources.mbox import read_mbox
from trackers.mailing_lists.sources.message_ids import extract_ids, message_id_hash

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailing_lists"


def read(name: str, list_name: str | None = None) -> list[MessageSeen | SourceProblem]:
    return list(read_mbox(FIXTURES / name, list_name=list_name))


# Fixtures holding a message that is meant to be a problem, and how many.
EXPECTED_PROBLEMS = {"missing_fields.mbox": 1}


def messages(name: str) -> dict[str, MessageSeen]:
    """The file's messages by Message-ID; fails on any problem the fixture is not meant to have."""
    items = read(name)
    problems = [item for item in items if isinstance(item, SourceProblem)]
    assert len(problems) == EXPECTED_PROBLEMS.get(name, 0), problems
    return {item.message_id: item for item in items if isinstance(item, Message)}


def by_subject(name: str) -> dict[str, MessageSeen]:
    return {message.subject: message for message in messages(name).values()}


# --- Message-IDs and their hashes ---------------------------------------------------------


def test_the_hash_of_a_message_id_is_mailmans() -> None:
    # given the example of Mailman's own documentation (mailman/model/docs/messagestore.rst)
    # then our hash agrees, with or without the angle brackets
    expected = "JJIGKPKB6CVDX6B2CUG4IHAJRIQIOUTP"
    assert message_id_hash("87myycy5eh.fsf@uwakimon.sk.tsukuba.ac.jp") == expected
    assert message_id_hash("<87myycy5eh.fsf@uwakimon.sk.tsukuba.ac.jp>") == expected


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("", []),
        ("   ", []),
        ("<a@x>", ["a@x"]),
        ("<a@x> <b@y>\n <c@z>", ["a@x", "b@y", "c@z"]),
        ("<a@x> (John's message of Monday)", ["a@x"]),
        ("<message from John on Monday>", []),
        ('Message from "Jane" <jane@x> of "Mon." <a@x>', ["jane@x", "a@x"]),
        ("a@x", ["a@x"]),
        ("<>", []),
        ("<<<a@x>", ["a@x"]),
        ("garbage without ids", []),
    ],
)
def test_message_ids_are_found_in_any_in_reply_to_or_references_value(
    value: str, ids: list[str]
) -> None:
    assert extract_ids(value) == ids


# --- mbox framing ---------------------------------------------------------------------------


def test_an_mboxrd_escaped_from_line_loses_exactly_one_quote() -> None:
    # given a body with ">From " and ">>From " lines (mboxrd-escaped "From " and ">From ")
    body = messages("separators.mbox")["mboxrd@example.com"].body

    # then each loses one ">"
    assert body.startswith("From the docs: an escaped line loses one '>'.\n>From here on,")


def test_a_from_line_without_a_timestamp_is_body_text_not_a_separator() -> None:
    # given an unescaped "From what I read, ..." after a blank line, as Mailman 2 archives have
    body = messages("separators.mbox")["mboxrd@example.com"].body

    # then it stays in the message
    assert body.endswith('From what I read, a "From " line without a timestamp is body text.\n')


def test_a_from_line_without_a_blank_line_before_it_is_body_text() -> None:
    body = messages("separators.mbox")["gmail-separator@example.com"].body
    assert "From bob@example.com Sat Jun 11 10:59:06 2016\nThe line above" in body


def test_separators_in_gmails_style_with_the_zone_before_the_year_split_messages() -> None:
    assert list(messages("separators.mbox")) == [
        "mboxrd@example.com",
        "gmail-separator@example.com",
        "crlf@example.com",
    ]


def test_crlf_line_ends_are_read_as_newlines() -> None:
    message = messages("separators.mbox")["crlf@example.com"]
    assert message.subject == "CRLF line ends"
    assert message.body == "Line one.\nLine two.\n"


def test_an_empty_file_is_an_empty_mailbox() -> None:
    assert read("empty.mbox") == []


def test_a_file_that_is_not_an_mbox_is_one_problem_for_the_whole_file() -> None:
    # given a text file whose first non-blank line is no "From " line
    path = FIXTURES / "not_an_mbox.txt"

    # then one problem, for the whole file, and nothing else
    assert read("not_an_mbox.txt") == [
        SourceProblem(str(path), "", "not an mbox: its first line that is not blank is no 'From '")
    ]


@pytest.mark.parametrize("name", ["does-not-exist.mbox", "."])
def test_a_file_that_cannot_be_opened_is_one_problem(name: str) -> None:
    # given a missing file, or a directory
    items = read(name)

    # then one problem with no position
    assert len(items) == 1
    assert isinstance(items[0], SourceProblem)
    assert items[0].position == ""
    assert items[0].reason.startswith("cannot open")


def test_a_gzipped_pipermail_archive_reads_like_the_plain_one() -> None:
    plain = read("pipermail.txt")
    assert read("pipermail.txt.gz") == plain
    assert len(plain) == 2


def test_a_truncated_gzip_file_gives_its_messages_then_a_problem(tmp_path: Path) -> None:
    # given a gzipped archive cut short in its second message
    data = (FIXTURES / "pipermail.txt").read_bytes()
    archive = tmp_path / "truncated.txt.gz"
    archive.write_bytes(gzip.compress(data, mtime=0)[:-12])

    # when it is read
    items = list(read_mbox(archive))

    # then the first message comes, and a problem where the stream broke
    assert isinstance(items[0], Message)
    assert isinstance(items[-1], SourceProblem)
    assert items[-1].reason.startswith("cannot read further")


# --- Headers: encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message_id", "name", "subject"),
    [
        ("utf8-q-name@example.com", "Jörg Müller", "Über die Brücke"),
        ("latin1-q-name@example.se", "Göran Svensson", "Résumé of the meeting"),
        ("iso-2022-jp@example.jp", "山田太郎", "テスト"),
        ("split-and-lying-words@example.fr", "André", "café au lait"),
    ],
)
def test_rfc_2047_encoded_names_and_subjects_are_decoded(
    message_id: str, name: str, subject: str
) -> None:
    message = messages("encoded_words.mbox")[message_id]
    assert message.sender is not None and message.sender.display_name == name
    assert message.subject == subject


@pytest.mark.parametrize(
    ("message_id", "name", "subject"),
    [
        ("raw-utf8@example.com", "Jörg Müller", "Über raw UTF-8"),
        ("raw-latin1@example.se", "Göran Svensson", "Résumé “quoted”"),
        ("raw-koi8r@example.ru", "Иван Петров", "Привет"),
        ("raw-iso-2022-jp@example.jp", "山田太郎", "会議の件"),
    ],
)
def test_raw_header_bytes_are_utf8_else_the_message_charset_else_windows_1252(
    message_id: str, name: str, subject: str
) -> None:
    # given raw 8-bit bytes in the headers and in the "From " lines
    message = messages("eight_bit.mbox")[message_id]

    # then the text reads as written
    assert message.sender is not None and message.sender.display_name == name
    assert message.subject == subject


# --- Bodies: charsets and MIME ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("message_id", "body"),
    [
        ("wrong-latin1@example.com", "naïve café\n"),
        ("wrong-ascii@example.com", "naïve café \u2013 done\n"),
        ("unknown-utf8@example.com", "Grüße\n"),
        ("unknown-latin1@example.com", "Grüße aus Köln\n"),
        ("undeclared-gb2312@example.cn", "你好\uff0c世界。这是一封测试邮件。\n"),
        ("gb2312-with-gbk@example.cn", "镕基与喆\n"),
        ("iso-2022-jp-body@example.jp", "こんにちは\n"),
        ("quoted-printable@example.com", "Straße, a soft line break.\n"),
    ],
)
def test_bodies_are_decoded_whatever_charset_is_declared(message_id: str, body: str) -> None:
    assert messages("charsets.mbox")[message_id].body == body


def test_nul_characters_are_removed_from_every_text_value() -> None:
    # given NULs in the From, the Subject and the body
    message = messages("charsets.mbox")["nul@example.com"]

    # then none is left (PostgreSQL rejects NUL in text)
    assert message.sender == MailingListSenderClaim("Nul Person", "nul@example.com")
    assert message.subject == "NUL in the subject"
    assert message.body == "NUL in the body.\n"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("alternative", "The plain part, in base64: ünïcödé.\n"),
        ("mixed, attachment first", "The body, after the attachment: café."),
        ("html only", ""),
        ("a forwarded message only", ""),
    ],
)
def test_the_body_is_the_first_text_plain_part_that_is_no_attachment(
    subject: str, body: str
) -> None:
    assert by_subject("multipart.mbox")[subject].body == body


# --- Missing and broken fields ---------------------------------------------------------------


def test_a_message_without_a_date_has_no_sent_at() -> None:
    assert messages("missing_fields.mbox")["no-date@example.com"].sent_at is None


def test_a_message_without_a_message_id_gets_a_stable_synthetic_one() -> None:
    # given a message without Message-ID
    message = by_subject("missing_fields.mbox")["no Message-ID header"]

    # then its id is the SHA-1 of its raw Date, From, Subject and body, in a reserved domain
    raw = b"\n".join(
        (
            b"Mon, 1 Jan 2007 00:00:00 +0000",
            b"Idless <idless@example.com>",
            b"no Message-ID header",
            b"No Message-ID: one is made from the Date, From, Subject and body.\n",
        )
    )
    assert message.message_id == f"{hashlib.sha1(raw).hexdigest()}@trackerhub.invalid"
    assert message.message_id_hash == message_id_hash(message.message_id)
    # and reading again gives the same id
    assert by_subject("missing_fields.mbox")["no Message-ID header"] == message


def test_an_empty_message_id_counts_as_none() -> None:
    message = by_subject("missing_fields.mbox")["an empty Message-ID"]
    assert message.message_id.endswith("@trackerhub.invalid")


def test_a_message_id_without_angle_brackets_is_kept() -> None:
    assert "bare-id-without-brackets@example.com" in messages("missing_fields.mbox")


def test_a_message_without_a_from_header_has_no_sender() -> None:
    assert messages("missing_fields.mbox")["no-from@example.com"].sender is None


def test_a_message_without_headers_is_a_problem_and_reading_goes_on() -> None:
    # given an archive whose third message has no header at all
    items = read("missing_fields.mbox")

    # then that message is a problem saying where it is, and the next ones are read
    problem = items[2]
    assert problem == SourceProblem(
        str(FIXTURES / "missing_fields.mbox"),
        "message 3 (byte 364)",
        "no header lines: not an RFC 5322 message",
    )
    assert [type(item) for item in items[3:]] == [Message] * 3


def _utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2007, 1, 2, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("label", "sent_at"),
    [
        ("offset", _utc(8)),
        ("unknown-zone-minus-zero", _utc(10)),
        ("named-zone", _utc(15)),
        ("unknown-zone-name", _utc(10)),
        ("no-zone", _utc(10)),
        ("offset-out-of-range", _utc(10)),
        ("two-digit-year", _utc(10)),
        ("garbage", None),
        ("impossible-day", None),
    ],
)
def test_dates_are_utc_with_missing_or_bad_zones_read_as_utc(
    label: str, sent_at: datetime | None
) -> None:
    message = by_subject("dates.mbox")[label]
    assert message.sent_at == sent_at
    if message.sent_at is not None:
        assert message.sent_at.utcoffset() == timedelta(0)


def test_folded_headers_are_unfolded_onto_one_line() -> None:
    message = messages("broken_headers.mbox")["folded@example.com"]
    assert message.subject == (
        "Re: [Boost-users] a subject long enough to be folded twice, once with a tab "
        "and once with spaces"
    )
    assert message.sender == MailingListSenderClaim("Folder", "folder@example.com")


def test_a_fold_that_lost_its_indentation_does_not_end_the_headers() -> None:
    # given a Subject continued on a line without leading white space, then a Message-ID
    message = by_subject("broken_headers.mbox")["a subject whose fold lost its indentation"]

    # then the Message-ID after it is still a header
    assert message.message_id == "broken-fold@example.com"
    assert message.body == "Broken fold.\n"


def test_a_missing_blank_line_after_the_headers_starts_the_body_at_the_first_non_header() -> None:
    message = messages("broken_headers.mbox")["no-separator@example.com"]
    assert message.subject == "no blank line after the headers"
    assert message.body == "This line starts the body.\n"


# --- Threading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message_id", "parent", "thread"),
    [
        ("root@example.com", None, "root@example.com"),
        ("reply@example.com", "root@example.com", "root@example.com"),
        ("empty-in-reply-to@example.com", "reply@example.com", "root@example.com"),
        ("malformed-in-reply-to@example.com", "reply@example.com", "root@example.com"),
        ("several-in-reply-to@example.com", "reply@example.com", "reply@example.com"),
        ("mh-in-reply-to@example.com", "reply@example.com", "reply@example.com"),
        ("bare-in-reply-to@example.com", "reply@example.com", "reply@example.com"),
        ("self@example.com", None, "self@example.com"),
    ],
)
def test_parent_is_the_last_in_reply_to_id_and_thread_the_first_reference(
    message_id: str, parent: str | None, thread: str
) -> None:
    message = messages("threading.mbox")[message_id]
    assert message.parent_hash == (None if parent is None else message_id_hash(parent))
    assert message.thread_hash == message_id_hash(thread)


# --- Senders ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "sender"),
    [
        (0, MailingListSenderClaim("Name Surname", "name@example.com")),  # Name <addr>
        (1, MailingListSenderClaim("Name Surname", "name@example.com")),  # addr (Name)
        (2, MailingListSenderClaim("", "name@example.com")),  # bare addr
        (3, MailingListSenderClaim("Surname, Given", "given@example.com")),
        (4, MailingListSenderClaim("", "dot@example.com")),  # . <addr>: "." is no name
        (5, None),  # <>: a bounce
        (6, MailingListSenderClaim("Mailer Daemon", "")),  # Name <>
        (7, MailingListSenderClaim('Jane "JD" Doe', "jane@example.com")),
    ],
)
def test_senders_are_read_in_every_rfc_form(n: int, sender: MailingListSenderClaim | None) -> None:
    assert by_subject("senders.mbox")[f"sender {n}"].sender == sender


def test_pipermail_obfuscated_addresses_are_restored() -> None:
    # given pipermail's "user at example.com (Name)" in the From header and the "From " line
    first, second = messages("pipermail.txt").values()

    # then the addresses are real, the replies thread, and the list prefix is kept
    assert first.sender == MailingListSenderClaim("Alice Archer", "alice@example.com")
    assert second.sender == MailingListSenderClaim("Bob Builder", "bob.builder@mail.example.org")
    assert second.parent_hash == first.message_id_hash
    assert first.subject == "[Boost-users] Pipermail obfuscates addresses"
    assert first.sent_at == datetime(2007, 1, 1, 9, tzinfo=UTC)


# --- List names ------------------------------------------------------------------------------


def test_the_list_name_comes_from_the_list_id_else_the_file_stem() -> None:
    names = {m.message_id: m.list_name for m in messages("list_id.mbox").values()}
    assert names == {"with-list-id@example.com": "boost", "without-list-id@example.com": "list_id"}


def test_a_given_list_name_wins_over_the_list_id() -> None:
    items = read("list_id.mbox", list_name="boost-users")
    assert {item.list_name for item in items if isinstance(item, Message)} == {"boost-users"}


# --- Properties ------------------------------------------------------------------------------

# Printable text: the stdlib writer turns control and line-separator characters into line
# breaks, which no reader could undo.
_printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))
_names = st.text(_printable, max_size=30).filter(lambda s: "=?" not in s)
_subjects = st.text(_printable, max_size=120).filter(lambda s: "=?" not in s)
_addresses = st.from_regex(
    r"[a-z0-9]{1,8}([._+-][a-z0-9]{1,8}){0,2}@[a-z0-9]{1,10}(-[a-z0-9]{1,5})?\.[a-z]{2,6}",
    fullmatch=True,
)
_body_pieces = st.one_of(
    st.text(_printable, max_size=80),
    st.sampled_from(
        ["\n", "\n\n", "From me at 10:00 in 2007\n", ">From you\n", ">>From them\n", "From "]
    ),
)
_bodies = st.lists(_body_pieces, max_size=8).map("".join)
_dates = st.builds(
    lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))),
    # Hypothesis takes naive bounds; the zone is added by the lambda above.
    st.datetimes(
        min_value=datetime(1971, 1, 1),  # noqa: DTZ001
        max_value=datetime(2099, 12, 31),  # noqa: DTZ001
    ).map(lambda moment: moment.replace(microsecond=0)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)


def _one_line(value: str) -> str:
    """The documented normalisation of subjects and names: white space runs made one space."""
    return re.sub(r"[ \t\r\n]+", " ", value).strip(" ")


def _expected_name(name: str) -> str:
    name = _one_line(name)
    if len(name) >= 2 and name[0] == name[-1] == "'":
        name = name[1:-1].strip()
    return name if any(c.isalnum() for c in name) else ""


def _expected_body(body: str) -> str:
    """The stdlib writer ends a body with a newline."""
    return body if body.endswith("\n") else body + "\n"


@st.composite
def _archives(draw: st.DrawFn) -> list[dict[str, object]]:
    """Messages, each replying to an earlier one or starting a thread."""
    count = draw(st.integers(min_value=1, max_value=6))
    archive: list[dict[str, object]] = []
    for n in range(count):
        parent = draw(st.none() | st.integers(min_value=0, max_value=n - 1)) if n else None
        references: list[str] = []
        if parent is not None:
            parent_refs = archive[parent]["references"]
            assert isinstance(parent_refs, list)
            references = [*parent_refs, str(archive[parent]["id"])]
        archive.append(
            {
                "id": f"{n}.{draw(st.uuids()).hex}@example.com",
                "name": draw(_names),
                "address": draw(_addresses),
                "subject": draw(_subjects),
                "body": draw(_bodies),
                "date": draw(_dates),
                "references": references,
            }
        )
    return archive


def _as_bytes(spec: dict[str, object]) -> bytes:
    message = EmailMessage()
    message["From"] = Address(display_name=str(spec["name"]), addr_spec=str(spec["address"]))
    message["Subject"] = str(spec["subject"])
    message["Message-ID"] = f"<{spec['id']}>"
    date = spec["date"]
    assert isinstance(date, datetime)
    message["Date"] = format_datetime(date)
    references = spec["references"]
    assert isinstance(references, list)
    if references:
        message["In-Reply-To"] = f"<{references[-1]}>"
        message["References"] = " ".join(f"<{r}>" for r in references)
    message.set_content(str(spec["body"]))
    return message.as_bytes(policy=SMTP.clone(linesep="\n"))


def _mboxrd(messages: Sequence[bytes]) -> bytes:
    """An mboxrd archive: every line matching >*From gets one more ">"."""
    out = bytearray()
    for data in messages:
        out += b"From sender@example.com Mon Jan  1 00:00:00 2007\n"
        for line in data.splitlines(keepends=True):
            if re.match(rb">*From ", line):
                out += b">"
            out += line
        out += b"\n" if data.endswith(b"\n") else b"\n\n"
    return bytes(out)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_archives())
def test_an_archive_written_with_mboxrd_escaping_reads_back_as_written(
    archive: list[dict[str, object]],
) -> None:
    # given messages written by the standard library into an mboxrd archive
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "archive.mbox"
        path.write_bytes(_mboxrd([_as_bytes(spec) for spec in archive]))

        # when it is read
        items = list(read_mbox(path, list_name="test"))

    # then every message comes back as written, modulo the documented white space rules
    assert all(isinstance(item, Message) for item in items)
    assert [item.message_id for item in items if isinstance(item, Message)] == [
        spec["id"] for spec in archive
    ]
    for item, spec in zip(items, archive, strict=True):
        assert isinstance(item, Message)
        assert item.subject == _one_line(str(spec["subject"]))
        name = _expected_name(str(spec["name"]))
        assert item.sender == MailingListSenderClaim(name, str(spec["address"]))
        assert item.body == _expected_body(str(spec["body"]))
        assert item.sent_at == spec["date"]
        references = spec["references"]
        assert isinstance(references, list)
        parent = references[-1] if references else None
        root = references[0] if references else spec["id"]
        assert item.parent_hash == (None if parent is None else message_id_hash(parent))
        assert item.thread_hash == message_id_hash(str(root))


_fragments = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [
            b"\n",
            b"\r\n",
            b"From: ",
            b"Subject: =?utf-8?B?",
            b"=?iso-2022-jp?q?=1B$B?=",
            b"?=",
            b"<",
            b">",
            b"(",
            b'"',
            b"\x00",
            b"\xff\xfe",
            b"Message-ID: ",
            b"In-Reply-To: ",
            b"Date: Mon, 1 Jan 2007 00:00:00 +9999\n",
            b"Content-Type: multipart/mixed; boundary=x\n",
            b"Content-Type: text/plain; charset=utf-7\n",
            b"Content-Transfer-Encoding: base64\n",
            b"--x\n",
            b"\n>From ",
            b"\n\nFrom x Mon Jan  1 00:00:00 2007\n",
        ]
    ),
)
_mboxish = st.lists(_fragments, max_size=60).map(
    lambda parts: b"From a@b Mon Jan  1 00:00:00 2007\n" + b"".join(parts)
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | _mboxish)
def test_reading_any_bytes_never_raises(data: bytes) -> None:
    # given any bytes in a file
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.mbox"
        path.write_bytes(data)

        # when it is read
        items = list(read_mbox(path))

    # then it yields messages and problems only, with text fit for PostgreSQL
    for item in items:
        assert isinstance(item, Message | SourceProblem)
        if isinstance(item, Message):
            texts = [item.message_id, item.subject, item.body, item.list_name]
            if item.sender is not None:
                texts += [item.sender.display_name, item.sender.email]
            assert not any("\x00" in text for text in texts)
            assert item.sent_at is None or item.sent_at.utcoffset() == timedelta(0)


@settings(deadline=None, max_examples=25)
@given(_subjects, _bodies)
def test_a_message_without_message_id_gets_the_same_id_on_every_read(
    subject: str, body: str
) -> None:
    message = EmailMessage()
    message["From"] = "someone@example.com"
    message["Subject"] = subject
    message.set_content(body)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "idless.mbox"
        path.write_bytes(_mboxrd([message.as_bytes(policy=SMTP.clone(linesep="\n"))]))
        first, second = list(read_mbox(path)), list(read_mbox(path))
    assert first == second
    assert isinstance(first[0], Message)
    assert first[0].message_id.endswith("@trackerhub.invalid")


def test_a_large_archive_is_read_in_memory_far_below_its_size(tmp_path: Path) -> None:
    # given an archive of 20,000 small messages
    path = tmp_path / "large.mbox"
    with path.open("wb") as archive:
        for n in range(20_000):
            archive.write(
                b"From sender@example.com Mon Jan  1 00:00:00 2007\n"
                b"From: Sender %d <sender%d@example.com>\n"
                b"Subject: message number %d\n"
                b"Message-ID: <%d@example.com>\n"
                b"Date: Mon, 1 Jan 2007 00:00:00 +0000\n"
                b"\n"
                b"The body of message %d, long enough to weigh something in memory.\n"
                b"\n" % (n, n, n, n, n)
            )
    size = path.stat().st_size
    list(read_mbox(FIXTURES / "charsets.mbox"))  # Warm the caches and imports first.

    # when it is read, keeping only a count
    tracemalloc.start()
    try:
        count = sum(1 for item in read_mbox(path) if isinstance(item, Message))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then every message was read, while memory stayed a small fraction of the file
    assert count == 20_000
    assert peak < size / 20, f"peak {peak} bytes for a file of {size} bytes"
