"""Reading saved HyperKitty (Mailman 3) REST pages, on committed fixtures
(tests/fixtures/mailing_lists, written by make_fixtures.py), then properties."""

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.protocols.claims import MailingListSenderClaim
from core.protocols.ingest import SourceProblem
from trackers.mailing_lists.records import Message, MessageSeen
from trackers.mailing_lists.sources.hyperkitty import read_hyperkitty
from trackers.mailing_lists.sources.mbox import read_mbox
from trackers.mailing_lists.sources.message_ids import message_id_hash

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailing_lists"
ROOT_HASH = message_id_hash("root@example.com")


def read(name: str) -> list[MessageSeen | SourceProblem]:
    return list(read_hyperkitty(FIXTURES / name))


def messages(name: str) -> dict[str, MessageSeen]:
    """The page's messages by Message-ID; fails on any problem."""
    items = read(name)
    assert all(isinstance(item, Message) for item in items), items
    return {item.message_id: item for item in items if isinstance(item, Message)}


def page() -> dict[str, MessageSeen]:
    return messages("hyperkitty_page.json")


def test_a_paged_email_list_gives_every_result_in_order() -> None:
    assert list(page()) == [
        "root@example.com",
        "reply@example.com",
        "bracketed@example.com",
        "hashless@example.com",
        "nameless@example.com",
    ]


def test_the_list_name_comes_from_the_mailinglist_url_without_its_domain() -> None:
    assert {message.list_name for message in page().values()} == {"boost"}


def test_an_item_reads_into_a_message() -> None:
    # given the first item of the page
    root = page()["root@example.com"]

    # then every field is read, the obfuscated "alice (a) example.com" restored
    assert root == MessageSeen(
        list_name="boost",
        message_id="root@example.com",
        message_id_hash=ROOT_HASH,
        subject="[boost] a subject",
        sent_at=datetime(2019, 1, 1, 12, tzinfo=UTC),
        sender=MailingListSenderClaim("Alice Archer", "alice@example.com"),
        parent_hash=None,
        thread_hash=ROOT_HASH,
        body="The root.\nSecond line.\n",
    )


def test_parent_and_thread_are_the_hashes_in_their_urls() -> None:
    reply = page()["reply@example.com"]
    assert reply.parent_hash == ROOT_HASH
    assert reply.thread_hash == ROOT_HASH


def test_a_sender_object_with_an_obfuscated_address_is_read() -> None:
    reply = page()["reply@example.com"]
    assert reply.sender == MailingListSenderClaim("Bob Builder", "bob@example.org")


def test_a_sender_object_without_an_address_gives_the_name_alone() -> None:
    assert page()["bracketed@example.com"].sender == MailingListSenderClaim("Carol", "")


def test_a_message_without_sender_or_sender_name_has_no_sender() -> None:
    assert page()["nameless@example.com"].sender is None


def test_angle_brackets_around_a_message_id_are_dropped() -> None:
    message = page()["bracketed@example.com"]
    assert message.message_id_hash == message_id_hash("bracketed@example.com")


def test_a_missing_message_id_hash_is_computed_and_a_missing_thread_is_the_message() -> None:
    message = page()["hashless@example.com"]
    assert message.message_id_hash == message_id_hash("hashless@example.com")
    assert message.thread_hash == message.message_id_hash


@pytest.mark.parametrize(
    ("message_id", "sent_at"),
    [
        ("root@example.com", datetime(2019, 1, 1, 12, tzinfo=UTC)),  # "Z"
        ("reply@example.com", datetime(2019, 1, 1, 12, tzinfo=UTC)),  # "+02:00"
        ("bracketed@example.com", datetime(2019, 1, 2, 12, tzinfo=UTC)),  # no zone: UTC
        ("hashless@example.com", None),  # "not a date"
    ],
)
def test_dates_are_utc(message_id: str, sent_at: datetime | None) -> None:
    assert page()[message_id].sent_at == sent_at


def test_subjects_are_on_one_line_and_text_holds_no_nul_or_lone_surrogate() -> None:
    assert page()["reply@example.com"].subject == "Re: [boost] a folded subject"
    hashless = page()["hashless@example.com"]
    assert hashless.subject == "NUL and a lone surrogate \ufffd"
    assert hashless.body == "NUL in the content"


def test_a_bare_array_of_emails_names_its_list_from_the_url_else_the_file() -> None:
    names = {m.message_id: m.list_name for m in messages("hyperkitty_array.json").values()}
    assert names == {"array-1@example.com": "boost", "array-2@example.com": "hyperkitty_array"}


def test_a_single_email_object_names_its_list_from_the_file_without_the_domain() -> None:
    (message,) = messages("boost-users@lists.boost.org.json").values()
    assert message.message_id == "single@example.com"
    assert message.list_name == "boost-users"


def test_items_that_are_not_emails_are_problems_and_reading_goes_on() -> None:
    # given results holding a string, an object without message_id, an email and a number
    items = read("hyperkitty_bad_items.json")

    # then each bad item is a problem at its index, and the email is read
    path = str(FIXTURES / "hyperkitty_bad_items.json")
    assert items[0] == SourceProblem(path, "item 0", "not an object: str")
    assert items[1] == SourceProblem(path, "item 1", "no message_id")
    assert isinstance(items[2], Message) and items[2].message_id == "good@example.com"
    assert items[3] == SourceProblem(path, "item 3", "not an object: int")


def test_a_file_that_is_not_json_is_one_problem_at_the_line_and_column() -> None:
    assert read("hyperkitty_not_json.json") == [
        SourceProblem(
            str(FIXTURES / "hyperkitty_not_json.json"),
            "line 4 column 1",
            "not valid JSON: Expecting ',' delimiter",
        )
    ]


def test_json_that_is_no_email_page_is_one_problem() -> None:
    (problem,) = read("hyperkitty_not_a_page.json")
    assert isinstance(problem, SourceProblem)
    assert problem.position == ""


def test_a_missing_file_is_one_problem() -> None:
    (problem,) = read("does-not-exist.json")
    assert isinstance(problem, SourceProblem)
    assert problem.position == ""
    assert problem.reason.startswith("cannot open")


def test_bytes_that_are_not_utf8_are_one_problem_at_their_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"results": ["G\xf6ran"]}')
    (problem,) = read_hyperkitty(path)
    assert isinstance(problem, SourceProblem)
    assert problem.position == "byte 15"


def test_a_message_hashes_alike_in_an_mbox_and_in_hyperkitty() -> None:
    # given the same message in an mbox archive and in a HyperKitty page
    from_mbox = [
        m
        for m in read_mbox(FIXTURES / "threading.mbox")
        if isinstance(m, Message) and m.message_id == "root@example.com"
    ]

    # then both sources key it, and thread its replies, by one hash
    assert [m.message_id_hash for m in from_mbox] == [page()["root@example.com"].message_id_hash]


_KEYS = [
    "message_id",
    "message_id_hash",
    "sender",
    "sender_name",
    "thread",
    "parent",
    "url",
    "mailinglist",
    "date",
    "subject",
    "content",
    "address",
    "results",
]
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(_KEYS),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(deadline=None)
@given(st.binary(max_size=500) | _json_values.map(lambda v: json.dumps(v).encode()))
def test_reading_any_file_never_raises(data: bytes) -> None:
    # given any bytes, or any JSON using HyperKitty's keys
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.json"
        path.write_bytes(data)

        # when it is read, then only messages and problems come out
        for item in read_hyperkitty(path):
            assert isinstance(item, Message | SourceProblem)
            if isinstance(item, Message):
                assert "\x00" not in item.message_id + item.subject + item.body
