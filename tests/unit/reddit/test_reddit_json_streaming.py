"""Saved Reddit responses too big to load whole are streamed: a comment page listing by
listing, a single listing as one value.

Here every file takes the streaming path (LOAD_WHOLE_UP_TO is 0), and must read as it does
loaded; only where a file stops being JSON is told otherwise, by a byte offset rather than a
line and column. The toolkit's own tests cover the streaming parser.
"""

import contextlib
import json
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from core.sources import json_files
from trackers.reddit.records import RedditSeen
from trackers.reddit.sources.reddit_json import read_reddit_json

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reddit"


def _parses(path: Path) -> bool:
    with contextlib.suppress(ValueError):
        json.loads(path.read_bytes())
        return True
    return False


# Relative names, so that a test's id says which fixture it read.
READABLE = sorted(
    str(path.relative_to(FIXTURES)) for path in FIXTURES.rglob("*.json") if _parses(path)
)


def read(path: Path) -> list[RedditSeen | SourceProblem]:
    return list(read_reddit_json(path))


def read_streamed(path: Path) -> list[RedditSeen | SourceProblem]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
        return read(path)


def test_the_fixtures_cover_pages_listings_more_children_users_and_bad_things() -> None:
    # given the fixtures json.loads takes; then every shape of response is among them
    assert {
        "comments_1b3xk9q.json",
        "r_cpp_new.json",
        "morechildren.json",
        "user_alice_dev_about.json",
        "broken/wrong_types.json",
        "broken/forbidden_private.json",
    } <= set(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_a_streamed_file_reads_as_the_loaded_one(name: str) -> None:
    # given a fixture; then streamed, it reads as loaded, problems included
    assert read_streamed(FIXTURES / name) == read(FIXTURES / name)


def test_a_cut_off_comment_page_keeps_the_listings_before_the_cut(tmp_path: Path) -> None:
    # given a comment page cut off inside its comment listing
    whole = (FIXTURES / "comments_1b3xk9q.json").read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(whole[: whole.index(b'"kx9f2qz"')])

    # when it is streamed
    items = read_streamed(path)

    # then the submission is read, and the cut is one problem at a byte offset
    *records, problem = items
    assert [type(record).__name__ for record in records] == ["Submission"]
    assert isinstance(problem, SourceProblem)
    assert problem.position.startswith("byte ")
    assert problem.reason.startswith("not valid JSON")
