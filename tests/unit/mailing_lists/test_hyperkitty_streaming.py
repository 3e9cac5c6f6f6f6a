"""Saved HyperKitty pages too big to load whole are streamed one email at a time.

LOAD_WHOLE_UP_TO is set to 0 here so that the small fixtures take the streaming path, which must
read them as json.load does; only a fault in the file is told differently, by byte offset.
"""

import json
import tempfile
import tracemalloc
from pathlib import Path

import ijson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.protocols.ingest import SourceProblem
from trackers.mailing_lists.records import MessageSeen
from trackers.mailing_lists.sources import hyperkitty, json_stream
from trackers.mailing_lists.sources.hyperkitty import read_hyperkitty

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailing_lists"
LIST = "https://lists.example.org/hyperkitty/api/list/boost@lists.boost.org/"

type Read = MessageSeen | SourceProblem


def _json_loads(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


READABLE = sorted(path.name for path in FIXTURES.glob("*.json") if _json_loads(path))


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of at least one byte is streamed."""
    monkeypatch.setattr(hyperkitty, "LOAD_WHOLE_UP_TO", 0)


def read(path: Path) -> list[Read]:
    return list(read_hyperkitty(path))


def read_streamed(path: Path) -> list[Read]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hyperkitty, "LOAD_WHOLE_UP_TO", 0)
        return read(path)


def email(number: int, content: str = "") -> dict[str, object]:
    message_id = f"m{number}@example.com"
    return {
        "url": f"{LIST}email/{number}/",
        "mailinglist": LIST,
        "message_id": message_id,
        "sender": "alice (a) example.com",
        "sender_name": "Alice Archer",
        "subject": f"[boost] message {number}",
        "date": "2019-01-01T12:00:00Z",
        "parent": None,
        "content": content,
    }


def page(emails: list[dict[str, object]]) -> dict[str, object]:
    return {"count": len(emails), "next": None, "previous": None, "results": emails}


def test_the_c_backend_parses() -> None:
    assert ijson.backend == "yajl2_c"


def test_the_fixtures_cover_pages_arrays_single_emails_and_bad_items() -> None:
    assert {
        "hyperkitty_page.json",
        "hyperkitty_array.json",
        "boost-users@lists.boost.org.json",
        "hyperkitty_bad_items.json",
        "hyperkitty_not_a_page.json",
    } <= set(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_a_streamed_file_reads_as_the_loaded_one(name: str) -> None:
    # given a fixture read whole, then streamed
    loaded, streamed = read(FIXTURES / name), read_streamed(FIXTURES / name)

    # then the same emails and problems come out, in the same order
    assert streamed == loaded


@pytest.mark.usefixtures("streamed")
def test_a_truncated_page_keeps_the_emails_before_the_cut_then_one_problem(
    tmp_path: Path,
) -> None:
    # given a page of five emails cut inside the fourth
    text = json.dumps(page([email(n) for n in range(1, 6)]), indent=1)
    cut = text.index('"message_id": "m4@')
    path = tmp_path / "boost.json"
    path.write_text(text[:cut], encoding="utf-8")

    # when it is streamed
    items = read(path)

    # then the three whole emails are read, and the end of the file is the problem's place
    assert [m.message_id for m in items if isinstance(m, MessageSeen)] == [
        "m1@example.com",
        "m2@example.com",
        "m3@example.com",
    ]
    assert items[-1] == SourceProblem(
        str(path), f"byte {cut}", "the file ends before the JSON does"
    )
    assert len(items) == 4


@pytest.mark.usefixtures("streamed")
def test_the_file_that_is_not_json_is_one_problem_at_its_end() -> None:
    # given {"count": 1, "results": [{"message_id": "x@y" and the end of the file
    path = FIXTURES / "hyperkitty_not_json.json"

    # then where json.load expects a delimiter at line 4 column 1, streaming finds the end
    assert read(path) == [
        SourceProblem(
            str(path), f"byte {path.stat().st_size}", "the file ends before the JSON does"
        )
    ]


@pytest.mark.usefixtures("streamed")
def test_garbage_inside_a_page_is_told_within_4_kib_after_the_emails_before_it(
    tmp_path: Path,
) -> None:
    # given 100 emails, then a bare word where the 101st should be
    head = json.dumps(page([email(n, "x" * 500) for n in range(1, 101)]))[:-2]
    path = tmp_path / "boost.json"
    path.write_text(head + ", garbage]}", encoding="utf-8")
    fault = len(head) + 2

    items = read(path)

    assert len([m for m in items if isinstance(m, MessageSeen)]) == 100
    problem = items[-1]
    assert isinstance(problem, SourceProblem)
    assert problem.reason == "invalid char in json text (in the 4 KiB before this byte)"
    assert fault < int(problem.position.removeprefix("byte ")) <= fault + 4096


@pytest.mark.usefixtures("streamed")
def test_bytes_that_are_not_utf8_are_one_problem_within_4_kib_of_their_offset(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"results": ["G\xf6ran"]}')

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert problem.reason == "invalid bytes in UTF8 string (in the 4 KiB before this byte)"
    assert 15 < int(problem.position.removeprefix("byte ")) <= 15 + 4096


@pytest.mark.usefixtures("streamed")
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_big_file_in_utf16_or_utf32_is_one_problem_naming_it(
    tmp_path: Path, encoding: str
) -> None:
    # given a page json.load would read whole, as it takes UTF-16 and UTF-32 too
    path = tmp_path / "page.json"
    path.write_bytes(json.dumps(page([email(1)])).encode(encoding))

    (problem,) = read(path)

    # then streamed, it is one problem at its start
    assert isinstance(problem, SourceProblem)
    assert problem.position == "byte 0"
    assert problem.reason.startswith("not JSON text: utf-")
    assert problem.reason.endswith("and a file this big is read as UTF-8")


@pytest.mark.usefixtures("streamed")
def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(page([email(1)])).encode())

    assert [m.message_id for m in read(path) if isinstance(m, MessageSeen)] == ["m1@example.com"]


@pytest.mark.usefixtures("streamed")
def test_results_after_a_long_previous_link_are_streamed(tmp_path: Path) -> None:
    # given the usual order of keys, results last
    path = tmp_path / "page.json"
    document = page([email(1), email(2)]) | {"previous": f"{LIST}emails/?page=" + "9" * 9000}
    path.write_text(json.dumps(document))

    assert len([m for m in read(path) if isinstance(m, MessageSeen)]) == 2


@pytest.mark.usefixtures("streamed")
def test_nesting_past_the_cap_is_one_problem_not_a_gigabyte(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"results": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith("nested deeper than 1000 levels")


def write_page(path: Path, count: int) -> None:
    """A page of ``count`` emails, written a piece at a time."""
    with path.open("w", encoding="utf-8") as file:
        file.write(f'{{"count": {count}, "next": null, "previous": null, "results": [')
        for number in range(1, count + 1):
            content = "Line of a message body.\n" * 20
            file.write(("," if number > 1 else "") + json.dumps(email(number, content)))
        file.write("]}")


def test_a_big_page_is_read_in_a_small_fraction_of_its_size_in_memory(tmp_path: Path) -> None:
    # given 50,000 emails, some 40 MB: over the limit, so streamed as things stand
    path = tmp_path / "boost.json"
    write_page(path, 50_000)
    size = path.stat().st_size
    assert size > hyperkitty.LOAD_WHOLE_UP_TO

    # when every email is read and let go
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_hyperkitty(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then all were read, and memory never held more than a sliver of the file
    assert count == 50_000
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"


# -- properties ----------------------------------------------------------------------------

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
    "results",
]
_texts = st.text(max_size=20) | st.sampled_from(["\ud800", "\\udc00", "a\udc80b", "<x@y>"])
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(1 - 2**63, 2**63 - 1)  # yajl takes 64 bits less -2**63; json.load any
    | st.floats(allow_nan=False, allow_infinity=False)
    | _texts,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | _texts, children, max_size=6)
    ),
    max_leaves=20,
)
_documents = _json_values | st.builds(page, st.lists(st.builds(email, st.integers(), _texts)))


@settings(deadline=None)
@given(document=_documents, ascii_only=st.booleans())
def test_any_json_streams_as_it_loads(document: object, ascii_only: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.json"
        path.write_bytes(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "replace"))

        loaded, streamed = read(path), read_streamed(path)

    assert streamed == loaded


@settings(deadline=None)
@given(st.binary(max_size=500))
def test_streaming_any_bytes_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.json"
        path.write_bytes(data)

        items = read_streamed(path)

    assert all(isinstance(item, MessageSeen | SourceProblem) for item in items)


@settings(deadline=None)
@given(
    strings=st.lists(
        st.text(st.sampled_from(["\\", "u", "d", "8", "\ud800", "\udc00", "\ud83d", "a", '"'])),
        max_size=8,
    ),
    block=st.integers(1, 40),
)
def test_surrogate_escapes_read_alike_wherever_the_reads_split_them(
    strings: list[str], block: int
) -> None:
    # given strings dense in backslashes and surrogate escapes, read a few bytes at a time
    data = json.dumps(strings).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_stream, "_BLOCK", block)
        with tempfile.TemporaryFile() as file:
            file.write(data)
            values = list(json_stream.JsonStream(file).values("item"))

    # then they are json.load's strings, lone surrogates as U+FFFD as the readers clean them
    expected = [
        "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s) for s in json.loads(data)
    ]
    assert values == expected
