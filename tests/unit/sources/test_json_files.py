"""A saved JSON response read as the items of its page: loaded whole when small, streamed when
big (core.sources.json_files, on core.sources.json_stream).

LOAD_WHOLE_UP_TO is set to 0 where a test streams, so that small files take the streaming path,
which must give the items json.loads gives; only a fault in the file is told differently, by
byte offset. The trackers' own pages are tested with their readers.
"""

import json
import re
import tempfile
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import ijson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protocols.ingest import SourceProblem
from core.sources import json_files, json_stream
from core.sources.json_files import json_items

# Where a page's list may stand in a top-level object, in order of preference.
LIST_KEYS = ("items", "data")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

type Entry = tuple[int, object] | SourceProblem


def page(document: object) -> Sequence[object] | str:
    """A list is its own page; an object holding a list under one of LIST_KEYS gives the first
    such list; any other object is a page of one; anything else is not a page."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return f"not a page: the top-level value is {type(document).__name__}"
    for key in LIST_KEYS:
        if isinstance(document.get(key), list):
            return list(document[key])
    return [document]


def read(path: Path) -> list[Entry]:
    return list(json_items(path, list_keys=LIST_KEYS, page=page))


def read_streamed(path: Path) -> list[Entry]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
        return read(path)


def read_as(how: str, path: Path) -> list[Entry]:
    return read_streamed(path) if how == "streamed" else read(path)


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of at least one byte is streamed."""
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)


def items_of(entries: Sequence[Entry]) -> list[object]:
    return [entry[1] for entry in entries if isinstance(entry, tuple)]


def last_problem(entries: Sequence[Entry]) -> SourceProblem:
    *_, last = entries
    assert isinstance(last, SourceProblem)
    return last


def offset_of(problem: SourceProblem) -> int:
    assert problem.position.startswith("byte ")
    return int(problem.position.removeprefix("byte "))


def cleaned(value: object) -> object:
    """``value`` with lone surrogates as U+FFFD, in keys too, as the readers clean text: the
    streaming parser rewrites their escapes so, where json.loads keeps them."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    if isinstance(value, tuple):
        return tuple(cleaned(item) for item in value)
    if isinstance(value, dict):
        return {cleaned(key): cleaned(item) for key, item in value.items()}
    return value


def item(number: int, body: str = "") -> dict[str, object]:
    """An item in the shape of the trackers' records: an id, some strings, a nested object."""
    return {
        "url": f"https://api.example.org/items/{number}",
        "id": number,
        "title": f"Item {number}",
        "user": {"login": "octocat", "id": 583231, "type": "User"},
        "labels": [{"id": 1, "name": "bug"}],
        "created_at": "2024-03-01T09:00:00Z",
        "body": body,
    }


def as_page(items: list[dict[str, object]], wrapped: bool) -> object:
    """A bare array of ``items``, or one wrapped as paged APIs wrap them, the list last."""
    if not wrapped:
        return items
    return {"count": len(items), "next": None, "previous": None, "items": items}


BARE_OR_WRAPPED = pytest.mark.parametrize("wrapped", [False, True], ids=["bare", "wrapped"])
LOADED_OR_STREAMED = pytest.mark.parametrize("how", ["loaded", "streamed"])


def test_the_c_backend_parses() -> None:
    assert ijson.backend == "yajl2_c"


# -- loaded or streamed ---------------------------------------------------------------------


def test_a_file_over_the_limit_is_streamed_and_one_at_or_under_it_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a page cut short, so that each way of reading tells its fault its own way
    path = tmp_path / "page.json"
    path.write_text(json.dumps([item(1)])[:-1], encoding="utf-8")
    size = path.stat().st_size

    # when the limit is the file's size, then it is loaded; one byte under, it is streamed
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", size)
    assert last_problem(read(path)).position == f"line 1 column {size + 1}"
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", size - 1)
    assert last_problem(read(path)).position == f"byte {size}"


@LOADED_OR_STREAMED
def test_items_come_with_their_index_counted_from_zero(tmp_path: Path, how: str) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps([item(1), "two", 3]), encoding="utf-8")

    assert read_as(how, path) == [(0, item(1)), (1, "two"), (2, 3)]


@LOADED_OR_STREAMED
@pytest.mark.parametrize(
    ("document", "items"),
    [
        # the first of the list keys that holds a list, wherever it stands
        ({"data": [item(2)], "x": 1, "items": [item(1)]}, [item(1)]),
        # a preferred key whose value is not a list is passed over
        ({"items": {"id": 1}, "data": [item(3)]}, [item(3)]),
        # no list under any list key: the whole object, as the page function makes it
        (
            {"id": 4, "items": None, "other": [item(5)]},
            [{"id": 4, "items": None, "other": [item(5)]}],
        ),
    ],
    ids=["preferred", "not-a-list-passed-over", "no-list"],
)
def test_a_wrapped_page_gives_the_list_under_its_most_preferred_key(
    tmp_path: Path, how: str, document: object, items: list[object]
) -> None:
    # given a top-level object with lists, or not, under the list keys and others
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    # then, loaded or streamed, the page is the list json_items was told to prefer
    assert items_of(read_as(how, path)) == items


@LOADED_OR_STREAMED
def test_a_document_that_is_no_page_is_one_problem_giving_the_page_functions_reason(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "scalar.json"
    path.write_text('"just a string"', encoding="utf-8")

    assert read_as(how, path) == [
        SourceProblem(str(path), "", "not a page: the top-level value is str")
    ]


@LOADED_OR_STREAMED
def test_a_byte_order_mark_is_skipped(tmp_path: Path, how: str) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(as_page([item(1)], wrapped=True)).encode())

    assert read_as(how, path) == [(0, item(1))]


@LOADED_OR_STREAMED
@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16 (it starts with a UTF-16 byte order mark)"),
        ("utf-16-le", "UTF-16-LE (it has the zero bytes of UTF-16-LE)"),
        ("utf-32", "UTF-32 (it starts with a UTF-32 byte order mark)"),
    ],
)
def test_a_file_in_utf16_or_utf32_is_one_problem_that_names_its_encoding(
    tmp_path: Path, how: str, encoding: str, named: str
) -> None:
    # given a page saved by Windows PowerShell 5, say, which json.loads would read
    path = tmp_path / "page.json"
    path.write_bytes(json.dumps(as_page([item(1)], wrapped=True)).encode(encoding))

    # then, loaded or streamed, it is one problem at its start
    assert read_as(how, path) == [SourceProblem(str(path), "byte 0", f"not UTF-8 text: {named}")]


def test_a_loaded_file_that_is_not_utf8_is_one_problem_at_the_first_bad_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"items": ["G\xf6ran"]}')

    assert read(path) == [SourceProblem(str(path), "byte 13", "not UTF-8 text: invalid start byte")]


# -- streamed -------------------------------------------------------------------------------


@pytest.mark.usefixtures("streamed")
@BARE_OR_WRAPPED
def test_a_truncated_stream_keeps_the_items_before_the_cut_then_one_problem(
    tmp_path: Path, wrapped: bool
) -> None:
    # given a page of five items cut inside the fourth
    text = json.dumps(as_page([item(n) for n in range(1, 6)], wrapped), indent=1)
    cut = text.index('"id": 4')
    path = tmp_path / "truncated.json"
    path.write_text(text[:cut], encoding="utf-8")

    # when it is streamed
    entries = read(path)

    # then the three whole items are read, and the end of the file is the problem's place
    assert entries[:3] == [(0, item(1)), (1, item(2)), (2, item(3))]
    assert entries[3:] == [
        SourceProblem(
            str(path), f"byte {cut}", "not valid JSON: the file ends before the JSON does"
        )
    ]


@pytest.mark.usefixtures("streamed")
@BARE_OR_WRAPPED
def test_garbage_inside_a_page_is_told_within_4_kib_after_the_items_before_it(
    tmp_path: Path, wrapped: bool
) -> None:
    # given 100 items, then a bare word where the 101st should be, then one more item
    text = json.dumps(as_page([item(n, "x" * 500) for n in range(1, 102)], wrapped))
    fault = text.index('{"url": "https://api.example.org/items/101"')
    path = tmp_path / "page.json"
    path.write_text(text[:fault] + "garbage, " + text[fault:], encoding="utf-8")

    # when it is streamed
    entries = read(path)

    # then the hundred items stand, and the problem's offset is at most 4 KiB past the fault
    assert items_of(entries) == [item(n, "x" * 500) for n in range(1, 101)]
    problem = last_problem(entries)
    assert fault < offset_of(problem) <= fault + 4096
    assert problem.reason == (
        "not valid JSON: invalid char in json text (in the 4 KiB before this byte)"
    )


@pytest.mark.usefixtures("streamed")
def test_bytes_that_are_not_utf8_are_one_problem_within_4_kib_of_their_offset(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"items": ["G\xf6ran"]}')

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert problem.reason == (
        "not valid JSON: invalid bytes in UTF8 string (in the 4 KiB before this byte)"
    )
    assert 13 < offset_of(problem) <= 13 + 4096


@pytest.mark.usefixtures("streamed")
@pytest.mark.parametrize(
    ("content", "position", "reason"),
    [
        (b"", "line 1 column 1", "not valid JSON: Expecting value"),  # 0 bytes: loaded
        (b"  \n", "byte 3", "not valid JSON: the file ends before the JSON does"),
        (b"[] [2]", "byte 6", "not valid JSON: trailing garbage (in the 4 KiB before this byte)"),
        (
            b"[12345678901234567890123]",
            "byte 25",
            "not valid JSON: integer overflow (in the 4 KiB before this byte)",  # over 64 bits
        ),
    ],
)
def test_a_streamed_file_that_is_no_json_value_is_one_problem(
    tmp_path: Path, content: bytes, position: str, reason: str
) -> None:
    path = tmp_path / "any.json"
    path.write_bytes(content)

    assert read(path) == [SourceProblem(str(path), position, reason)]


@pytest.mark.usefixtures("streamed")
@BARE_OR_WRAPPED
def test_nesting_past_the_cap_is_one_problem_not_a_gigabyte(tmp_path: Path, wrapped: bool) -> None:
    # given 200,000 nested arrays (which would take ijson some 100 GB of paths)
    nested = b"[" * 200_000 + b"]" * 200_000
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"items": ' + nested + b"}" if wrapped else nested)

    # when it is streamed
    (problem,) = read(path)

    # then it is one problem, at the cap
    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith(
        f"not valid JSON: nested deeper than {json_stream.MAX_DEPTH} levels"
    )


@pytest.mark.usefixtures("streamed")
def test_long_keys_nested_past_the_cap_are_one_problem(tmp_path: Path) -> None:
    # given objects nested 600 deep under keys of 100 characters
    key = json.dumps("k" * 100)
    path = tmp_path / "deep.json"
    path.write_text("[" + ("{" + key + ":") * 600 + "1" + "}" * 600 + "]")

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert f"{json_stream.MAX_PATH} characters of keys" in problem.reason


@pytest.mark.usefixtures("streamed")
def test_lone_surrogate_escapes_read_as_when_loaded(tmp_path: Path) -> None:
    # given bodies with lone surrogates, a pair, and escaped backslashes before "ud800"
    bodies = ["a\ud800b", "\udc00", "\ud83d\ude00", "\\ud800", "\\\ud800", "\ud800\ud800"]
    path = tmp_path / "page.json"
    path.write_text(json.dumps([item(n, body) for n, body in enumerate(bodies, 1)]))

    # when it is streamed
    streamed = items_of(read(path))

    # then lone surrogates are U+FFFD, as the readers clean what json.loads gives
    assert [value["body"] for value in streamed if isinstance(value, dict)] == [
        "a\ufffdb",
        "\ufffd",
        "\U0001f600",
        "\\ud800",
        "\\\ufffd",
        "\ufffd\ufffd",
    ]
    assert streamed == cleaned(items_of(read_as("loaded", path)))


def write_items(path: Path, count: int) -> None:
    """A page of ``count`` items, written a piece at a time."""
    with path.open("w", encoding="utf-8") as file:
        file.write(f'{{"count": {count}, "next": null, "previous": null, "items": [')
        for number in range(1, count + 1):
            file.write(("," if number > 1 else "") + json.dumps(item(number, "x" * 400)))
        file.write("]}")


def test_a_big_page_is_read_in_a_small_fraction_of_its_size_in_memory(tmp_path: Path) -> None:
    # given 50,000 items, some 35 MB: over the limit, so streamed as things stand
    path = tmp_path / "items.json"
    write_items(path, 50_000)
    size = path.stat().st_size
    assert size > json_files.LOAD_WHOLE_UP_TO

    # when every item is read and let go
    tracemalloc.start()
    try:
        count = sum(1 for _ in json_items(path, list_keys=LIST_KEYS, page=page))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then all were read, and memory never held more than a sliver of the file
    assert count == 50_000
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"


# -- properties ----------------------------------------------------------------------------

_KEYS = [
    *LIST_KEYS,
    "body",
    "results",
    "headers",
    "count",
    "previous",
    "id",
    "url",
    "login",
    "message_id",
    "sender",
    "content",
]
texts = st.text(max_size=20) | st.sampled_from(
    ["\ud800", "\\ud800", "\udc00x", "\\", "\\udc00", "a\udc80b", "<x@y>"]
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(1 - 2**63, 2**63 - 1)  # yajl takes 64 bits less -2**63; json.loads any
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | texts, inner, max_size=6)
    ),
    max_leaves=30,
)
page_items = st.lists(st.builds(item, st.integers(1, 10**6), texts) | json_values, max_size=4)
pages = (
    json_values
    | page_items
    | st.builds(
        lambda items, rest: rest | {"items": items},
        page_items,
        st.dictionaries(st.sampled_from(_KEYS) | texts, json_values, max_size=4),
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=pages, ascii_only=st.booleans())
def test_any_json_streams_as_it_loads(document: object, ascii_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "replace"))

        loaded, streamed = read(path), read_streamed(path)

    # lone surrogates as U+FFFD, as the readers clean what json.loads gives
    assert streamed == [cleaned(entry) for entry in loaded]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=500))
def test_streaming_arbitrary_bytes_yields_only_problems_or_items(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(content)

        entries = read_streamed(path)

    # then items come with their indexes in order, and a problem, if any, ends the stream
    assert all(isinstance(entry, SourceProblem | tuple) for entry in entries)
    indexes = [entry[0] for entry in entries if isinstance(entry, tuple)]
    assert indexes == list(range(len(indexes)))
    problems = [at for at, entry in enumerate(entries) if isinstance(entry, SourceProblem)]
    assert problems in ([], [len(entries) - 1])


@settings(max_examples=200, deadline=None)
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

    # then they are json.loads's strings, lone surrogates as U+FFFD as the readers clean them
    assert values == cleaned(json.loads(data))


# -- the entries of a top-level object ---------------------------------------------------------


def entries_as(how: str, path: Path) -> list[tuple[str, object] | SourceProblem]:
    with pytest.MonkeyPatch.context() as patch:
        if how == "streamed":
            patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
        return list(json_files.json_entries(path))


@pytest.mark.parametrize("how", ["loaded", "streamed"])
def test_an_index_is_read_entry_by_entry_alike_loaded_or_streamed(tmp_path: Path, how: str) -> None:
    path = tmp_path / "index.json"
    path.write_text(json.dumps({"p2300r10": {"title": "std::execution"}, "n4950": {"title": "WD"}}))

    assert entries_as(how, path) == [
        ("p2300r10", {"title": "std::execution"}),
        ("n4950", {"title": "WD"}),
    ]


@pytest.mark.parametrize("how", ["loaded", "streamed"])
def test_an_index_that_is_no_object_is_one_problem(tmp_path: Path, how: str) -> None:
    path = tmp_path / "index.json"
    path.write_text("[1, 2]")

    assert entries_as(how, path) == [SourceProblem(str(path), "", "not a JSON object but an array")]


def test_a_truncated_big_index_keeps_the_entries_before_the_cut(
    tmp_path: Path, streamed: None
) -> None:
    path = tmp_path / "index.json"
    path.write_text('{"a": 1, "b": {"c": [2')

    entries = list(json_files.json_entries(path))

    assert entries[0] == ("a", 1)
    assert isinstance(entries[-1], SourceProblem)
    assert entries[-1].reason == "not valid JSON: the file ends before the JSON does"


def test_the_values_beside_a_big_list_are_read_without_reading_the_list(
    tmp_path: Path, streamed: None
) -> None:
    # given an export whose guild and channel come first, then messages cut off mid-way
    path = tmp_path / "export.json"
    path.write_text('{"guild": {"id": "1"}, "channel": {"id": "2"}, "messages": [{"id": "3"}, {')

    # when the two values are asked for, then they come without a problem from the list
    assert json_files.json_values(path, ["guild", "channel"]) == {
        "guild": {"id": "1"},
        "channel": {"id": "2"},
    }
    assert json_files.json_values(path, ["nowhere"]) == SourceProblem(
        str(path),
        f"byte {path.stat().st_size}",
        "not valid JSON: the file ends before the JSON does",
    )
