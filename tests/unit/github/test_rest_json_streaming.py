"""Saved GitHub REST responses too big to load whole are streamed one item at a time.

LOAD_WHOLE_UP_TO is set to 0 here so that the small fixtures take the streaming path, which must
read them as json.loads does; only a fault in the file is told differently, by byte offset.
"""

import json
import tempfile
import tracemalloc
from pathlib import Path
from typing import get_args

import ijson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protocols.ingest import SourceProblem
from trackers.github.records import GitHubSeen, IssueSeen, RepositorySeen
from trackers.github.sources import json_stream, rest_json
from trackers.github.sources.rest_json import read_rest_json

FIXTURES = Path(__file__).parents[2] / "fixtures" / "github" / "rest"
BROKEN = FIXTURES / "broken"
REPO = "octo-org/hello-world"


def _json_loads(path: Path) -> bool:
    try:
        json.loads(path.read_bytes().decode("utf-8-sig"))
    except ValueError:
        return False
    return True


# Every fixture that json.loads reads, broken ones included: their problems are per item.
READABLE = sorted(
    str(path.relative_to(FIXTURES)) for path in FIXTURES.rglob("*.json") if _json_loads(path)
)


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of at least one byte is streamed."""
    monkeypatch.setattr(rest_json, "LOAD_WHOLE_UP_TO", 0)


def read(path: Path) -> list[GitHubSeen | SourceProblem]:
    return list(read_rest_json([path]))


def last_problem(path: Path) -> SourceProblem:
    *_, last = read(path)
    assert isinstance(last, SourceProblem)
    return last


def issue(number: int, body: str = "") -> dict[str, object]:
    return {
        "url": f"https://api.github.com/repos/{REPO}/issues/{number}",
        "repository_url": f"https://api.github.com/repos/{REPO}",
        "id": number,
        "number": number,
        "title": f"Issue {number}",
        "state": "open",
        "user": {"login": "octocat", "id": 583231, "type": "User"},
        "labels": [{"id": 1, "name": "bug"}],
        "assignees": [],
        "created_at": "2024-03-01T09:00:00Z",
        "body": body,
    }


def test_the_c_backend_parses() -> None:
    assert ijson.backend == "yajl2_c"


def test_the_fixtures_cover_every_kind_of_page() -> None:
    assert {"issues_page.json", "wrapped/search_issues.json", "broken/scalar.json"} <= set(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_a_streamed_file_reads_as_the_loaded_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a fixture read whole
    loaded = read(FIXTURES / name)

    # when it is streamed
    monkeypatch.setattr(rest_json, "LOAD_WHOLE_UP_TO", 0)
    streamed = read(FIXTURES / name)

    # then the same items and problems come out, in the same order
    assert streamed == loaded


def test_a_file_over_the_limit_is_streamed_and_one_at_or_under_it_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a page cut short, so that each way of reading tells its fault its own way
    path = tmp_path / "page.json"
    path.write_text(json.dumps([issue(1)])[:-1], encoding="utf-8")
    size = path.stat().st_size

    # when the limit is the file's size, then it is loaded; one byte under, it is streamed
    monkeypatch.setattr(rest_json, "LOAD_WHOLE_UP_TO", size)
    assert last_problem(path).position == f"line 1 column {size + 1}"
    monkeypatch.setattr(rest_json, "LOAD_WHOLE_UP_TO", size - 1)
    assert last_problem(path).position == f"byte {size}"


@pytest.mark.usefixtures("streamed")
def test_a_truncated_stream_keeps_the_items_before_the_cut_then_one_problem(
    tmp_path: Path,
) -> None:
    # given a page of five issues cut inside the fourth
    text = json.dumps([issue(n) for n in range(1, 6)], indent=1)
    cut = text.index('"number": 4')
    path = tmp_path / "truncated.json"
    path.write_text(text[:cut], encoding="utf-8")

    # when it is streamed
    items = read(path)

    # then the three whole issues are read, and the end of the file is the problem's place
    assert [i.number for i in items if isinstance(i, IssueSeen)] == [1, 2, 3]
    assert items[-1] == SourceProblem(
        str(path), f"byte {cut}", "not valid JSON: the file ends before the JSON does"
    )
    assert len(items) == 5  # the repository, three issues, the problem


@pytest.mark.usefixtures("streamed")
def test_the_truncated_fixture_is_one_problem_at_its_end() -> None:
    path = BROKEN / "truncated_page.json"

    assert read(path) == [
        SourceProblem(
            str(path),
            f"byte {path.stat().st_size}",
            "not valid JSON: the file ends before the JSON does",
        )
    ]


@pytest.mark.usefixtures("streamed")
def test_garbage_inside_a_page_is_told_within_4_kib_after_the_items_before_it(
    tmp_path: Path,
) -> None:
    # given 100 issues, then a bare word where the 101st should be, then more issues
    head = json.dumps([issue(n, "x" * 500) for n in range(1, 101)])[:-1]
    path = tmp_path / "page.json"
    path.write_text(head + ", garbage, " + json.dumps(issue(101))[:-1] + "]", encoding="utf-8")
    fault = len(head) + 2

    # when it is streamed
    items = read(path)

    # then the hundred issues stand, and the problem's offset is at most 4 KiB past the fault
    assert len([i for i in items if isinstance(i, IssueSeen)]) == 100
    problem = items[-1]
    assert isinstance(problem, SourceProblem)
    offset = int(problem.position.removeprefix("byte "))
    assert fault < offset <= fault + 4096
    assert problem.reason == (
        "not valid JSON: invalid char in json text (in the 4 KiB before this byte)"
    )


@pytest.mark.usefixtures("streamed")
@pytest.mark.parametrize(
    ("name", "fault", "reason"),
    [
        ("html_error_page.json", 0, "invalid char in json text"),
        ("latin1_export.json", 56, "invalid bytes in UTF8 string"),
    ],
)
def test_a_file_that_is_not_json_or_not_utf8_is_one_problem_within_4_kib_of_its_fault(
    name: str, fault: int, reason: str
) -> None:
    path = BROKEN / name

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert problem.reason == f"not valid JSON: {reason} (in the 4 KiB before this byte)"
    assert fault < int(problem.position.removeprefix("byte ")) <= fault + 4096


@pytest.mark.usefixtures("streamed")
def test_a_streamed_utf16_file_is_one_problem_that_names_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(json.dumps([issue(1)]).encode("utf-16"))

    assert read(path) == [
        SourceProblem(
            str(path), "byte 0", "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)"
        )
    ]


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
def test_a_wrapped_page_is_streamed_from_its_first_list_in_order_of_preference(
    tmp_path: Path,
) -> None:
    # given a wrapper with a list under "items" before one under "body", as json.loads reads it
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"items": [issue(1)], "x": 1, "body": [issue(2)]}))

    # then "body" is preferred, wherever it stands
    assert [i.number for i in read(path) if isinstance(i, IssueSeen)] == [2]


@pytest.mark.usefixtures("streamed")
def test_nesting_past_the_cap_is_one_problem_not_a_gigabyte(tmp_path: Path) -> None:
    # given 200,000 nested arrays (which would take ijson some 100 GB of paths)
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000)

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith("not valid JSON: nested deeper than 1000 levels")


@pytest.mark.usefixtures("streamed")
def test_long_keys_nested_past_the_cap_are_one_problem(tmp_path: Path) -> None:
    # given objects nested 600 deep under keys of 100 characters
    key = json.dumps("k" * 100)
    path = tmp_path / "deep.json"
    path.write_text("[" + ("{" + key + ":") * 600 + "1" + "}" * 600 + "]")

    (problem,) = read(path)

    assert isinstance(problem, SourceProblem)
    assert "10000 characters of keys" in problem.reason


@pytest.mark.usefixtures("streamed")
def test_lone_surrogate_escapes_read_as_when_loaded(tmp_path: Path) -> None:
    # given bodies with lone surrogates, a pair, and escaped backslashes before "ud800"
    bodies = ["a\ud800b", "\udc00", "\ud83d\ude00", "\\ud800", "\\\ud800", "\ud800\ud800"]
    path = tmp_path / "page.json"
    path.write_text(json.dumps([issue(n, body) for n, body in enumerate(bodies, 1)]))

    streamed = read(path)

    assert [i.body for i in streamed if isinstance(i, IssueSeen)] == [
        "a\ufffdb",
        "\ufffd",
        "\U0001f600",
        "\\ud800",
        "\\\ufffd",
        "\ufffd\ufffd",
    ]


def write_issues(path: Path, count: int) -> None:
    """A page of ``count`` issues, written a piece at a time."""
    with path.open("w", encoding="utf-8") as file:
        file.write("[")
        for number in range(1, count + 1):
            file.write(("," if number > 1 else "") + json.dumps(issue(number, "x" * 300)))
        file.write("]")


def test_a_big_page_is_read_in_a_small_fraction_of_its_size_in_memory(tmp_path: Path) -> None:
    # given 50,000 issues, some 34 MB: over the limit, so streamed as things stand
    path = tmp_path / "issues.json"
    write_issues(path, 50_000)
    size = path.stat().st_size
    assert size > rest_json.LOAD_WHOLE_UP_TO

    # when every item is read and let go
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_rest_json([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then all were read, and memory never held more than a sliver of the file
    assert count == 50_001
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"


# -- properties ----------------------------------------------------------------------------

texts = st.text(max_size=20) | st.sampled_from(["\ud800", "\\ud800", "\udc00x", "\\"])
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(1 - 2**63, 2**63 - 1)  # yajl takes 64 bits less -2**63; json.loads any
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["body", "data", "items", "headers", "id", "url", "login"]) | texts,
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)
pages = json_values | st.lists(
    st.builds(issue, st.integers(1, 10**6), texts) | json_values, max_size=4
)


def read_streamed(path: Path) -> list[GitHubSeen | SourceProblem]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rest_json, "LOAD_WHOLE_UP_TO", 0)
        return read(path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(document=pages, ascii_only=st.booleans())
def test_any_json_streams_as_it_loads(document: object, ascii_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "replace"))

        loaded, streamed = read(path), read_streamed(path)

    assert streamed == loaded


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=300))
def test_streaming_arbitrary_bytes_yields_only_problems_or_items(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(content)

        items = read_streamed(path)

    assert all(isinstance(item, (SourceProblem, *get_args(GitHubSeen.__value__))) for item in items)


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
    expected = [
        "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s) for s in json.loads(data)
    ]
    assert values == expected


def test_a_repository_is_announced_once_in_a_streamed_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rest_json, "LOAD_WHOLE_UP_TO", 0)
    path = tmp_path / "page.json"
    path.write_text(json.dumps([issue(1), issue(2)]))

    assert [type(i) for i in read(path)] == [RepositorySeen, IssueSeen, IssueSeen]
