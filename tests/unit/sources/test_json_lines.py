"""A file of one JSON value a line (core.sources.json_lines): told from a JSON document by its
first line, then read a line at a time, each line's fault a problem of its own and the lines
after it read. A tracker's own use (yt-dlp -j of a playlist) is tested with its reader."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.protocols.ingest import SourceProblem
from core.sources import json_lines
from core.sources.json_lines import is_json_lines

type Line = tuple[str, object] | SourceProblem

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
# A blank line: only the whitespace JSON allows around a value.
BLANK_LINES = st.text(st.sampled_from(" \t\r"), max_size=3)


def write(folder: Path, content: str | bytes) -> Path:
    path = folder / "lines.jsonl"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read(path: Path) -> list[Line]:
    return list(json_lines.json_lines(path))


def problems(lines: list[Line]) -> list[tuple[str, str]]:
    return [(line.position, line.reason) for line in lines if isinstance(line, SourceProblem)]


@given(st.lists(JSON_VALUES.map(json.dumps) | BLANK_LINES, max_size=8), st.booleans())
def test_what_is_read_is_json_loads_of_each_line_that_is_not_blank(
    lines: list[str], last_newline: bool
) -> None:
    # given lines of JSON values and blank ones, the last ended by a newline or not
    content = "\n".join(lines) + ("\n" if last_newline and lines else "")

    # when the file is read a line at a time
    with tempfile.TemporaryDirectory() as folder:
        read_back = read(write(Path(folder), content))

    # then each line that is not blank gives json.loads of it, numbered from 1, and no problem
    assert read_back == [
        (f"line {number}", json.loads(line))
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]


@given(st.lists(JSON_VALUES.map(json.dumps), min_size=2, max_size=5))
def test_a_file_of_two_or_more_json_values_a_line_is_json_lines(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert is_json_lines(write(Path(folder), "\n".join(lines) + "\n"))


@pytest.mark.parametrize(
    "content",
    [
        pytest.param('{"id": 1}', id="one value on one line"),
        pytest.param('{"id": 1}\n\n  \n', id="one value then blank lines"),
        pytest.param('{\n  "id": 1\n}\n', id="one document over several lines"),
        pytest.param("[1,\n2]\n", id="an array over two lines"),
        pytest.param("<html>\n<body>\n", id="no JSON at all"),
        pytest.param("", id="an empty file"),
    ],
)
def test_a_json_document_or_anything_but_two_lines_of_values_is_not_json_lines(
    tmp_path: Path, content: str
) -> None:
    assert not is_json_lines(write(tmp_path, content))


def test_a_path_that_cannot_be_opened_is_not_json_lines_and_reads_as_one_problem(
    tmp_path: Path,
) -> None:
    # given a path to nothing, and one to a folder
    absent = tmp_path / "absent.jsonl"

    # then neither is JSON Lines, and reading the absent file is one problem for the file
    assert not is_json_lines(absent)
    assert not is_json_lines(tmp_path)
    assert read(absent) == [
        SourceProblem(str(absent), "", "cannot open: No such file or directory")
    ]


def test_a_line_that_is_not_valid_json_is_told_by_line_and_column_and_the_next_is_read(
    tmp_path: Path,
) -> None:
    # given a good line, one cut short, and a good one after it
    path = write(tmp_path, '{"id": 1}\n{"id": 2, "title": "cut\n{"id": 3}\n')

    # when the file is read
    lines = read(path)

    # then the good lines' values, and the other's fault by its line and column
    assert lines == [
        ("line 1", {"id": 1}),
        SourceProblem(
            str(path), "line 2 column 20", "not valid JSON: Unterminated string starting at"
        ),
        ("line 3", {"id": 3}),
    ]


def test_a_line_that_is_not_utf_8_is_a_problem_of_its_own(tmp_path: Path) -> None:
    # given a line in Latin-1 between two good ones
    path = write(tmp_path, b'{"id": 1}\n{"title": "caf\xe9"}\n{"id": 3}\n')

    # when the file is read
    lines = read(path)

    # then that line is a problem, and the others are read
    assert problems(lines) == [("line 2", "not UTF-8 text: invalid continuation byte")]
    assert [line for line in lines if isinstance(line, tuple)] == [
        ("line 1", {"id": 1}),
        ("line 3", {"id": 3}),
    ]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("9" * 5000, id="a 5,000-digit number"),
        pytest.param("[" * 100_000 + "]" * 100_000, id="a nesting too deep"),
    ],
)
def test_valid_json_that_python_cannot_hold_is_a_problem_of_its_own(
    tmp_path: Path, line: str
) -> None:
    path = write(tmp_path, f'{{"id": 1}}\n{line}\n{{"id": 3}}\n')

    lines = read(path)

    assert problems(lines) == [("line 2", "not valid JSON that can be read")]
    assert len(lines) == 3


def test_lines_ended_windows_style_read_as_lines_ended_unix_style(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": 1}\r\n\r\n{"id": 2}\r\n')

    assert is_json_lines(path)
    assert read(path) == [("line 1", {"id": 1}), ("line 3", {"id": 2})]


@pytest.mark.parametrize(
    ("after", "read_after"),
    [
        pytest.param('\n{"id": 3}\n', [("line 3", {"id": 3})], id="in the middle"),
        pytest.param("", [], id="last, with no newline"),
    ],
)
def test_a_line_longer_than_a_line_is_read_up_to_is_told_and_the_next_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: str, read_after: list[Line]
) -> None:
    # given lines read up to 100 bytes, and a second line longer
    monkeypatch.setattr(json_lines, "LINE_UP_TO", 100)
    long = json.dumps({"id": 2, "body": "x" * 300})
    path = write(tmp_path, f'{{"id": 1}}\n{long}{after}')

    # when the file is read
    lines = read(path)

    # then the long line is one problem, and every other line is read
    too_long = SourceProblem(str(path), "line 2", "longer than the 100 bytes a line is read up to")
    assert lines == [("line 1", {"id": 1}), too_long, *read_after]


def test_a_first_line_longer_than_a_line_is_read_up_to_is_not_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given lines read up to 100 bytes, and a file whose first line is longer
    monkeypatch.setattr(json_lines, "LINE_UP_TO", 100)
    long = json.dumps({"id": 1, "body": "x" * 300})

    # then it is not told for JSON Lines: its reader reports the file as not valid JSON
    assert not is_json_lines(write(tmp_path, f'{long}\n{{"id": 2}}\n'))
