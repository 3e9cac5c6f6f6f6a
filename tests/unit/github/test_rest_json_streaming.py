"""Saved GitHub REST responses too big to load whole are streamed one item at a time.

LOAD_WHOLE_UP_TO is set to 0 here so that the small fixtures take the streaming path, which must
read them as json.loads does; only a fault in the file is told differently, by byte offset. The
streaming machinery itself is tested once, in tests/unit/sources/test_json_files.py; here are
GitHub's own fixtures and page shapes.
"""

import json
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from core.sources import json_files
from trackers.github.records import GitHubSeen, Issue, Repository
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
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)


def read(path: Path) -> list[GitHubSeen | SourceProblem]:
    return list(read_rest_json(path))


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


def test_the_fixtures_cover_every_kind_of_page() -> None:
    assert {"issues_page.json", "wrapped/search_issues.json", "broken/scalar.json"} <= set(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_a_streamed_file_reads_as_the_loaded_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a fixture read whole
    loaded = read(FIXTURES / name)

    # when it is streamed
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
    streamed = read(FIXTURES / name)

    # then the same items and problems come out, in the same order
    assert streamed == loaded


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
@pytest.mark.parametrize(
    ("document", "numbers"),
    [
        ({"items": [issue(1)], "x": 1, "body": [issue(2)]}, [2]),
        ({"items": [issue(1)], "data": [issue(3)], "body": [issue(2)]}, [2]),
        ({"items": [issue(1)], "data": [issue(3)]}, [3]),
        ({"total_count": 1, "incomplete_results": False, "items": [issue(1)]}, [1]),
    ],
    ids=["body-over-items", "body-over-data", "data-over-items", "search-items"],
)
def test_a_wrapped_page_is_streamed_from_its_first_list_in_order_of_preference(
    tmp_path: Path, document: dict[str, object], numbers: list[int]
) -> None:
    # given a wrapper with lists under some of "body", "data" and "items", as json.loads reads it
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps(document))

    # then "body" is preferred, then "data", then "items", wherever they stand
    assert [i.number for i in read(path) if isinstance(i, Issue)] == numbers


@pytest.mark.usefixtures("streamed")
def test_a_repository_is_announced_once_in_a_streamed_page(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps([issue(1), issue(2)]))

    assert [type(i) for i in read(path)] == [Repository, Issue, Issue]
