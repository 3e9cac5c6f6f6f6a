"""Saved HyperKitty pages too big to load whole are streamed one email at a time.

LOAD_WHOLE_UP_TO is set to 0 here so that the small fixtures take the streaming path, which must
read them as json.load does; only a fault in the file is told differently, by byte offset. The
streaming machinery itself is tested once, in tests/unit/sources/test_json_files.py; here are
HyperKitty's own fixtures and page shapes.
"""

import json
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from core.sources import json_files
from trackers.mailing_lists.records import Message, MessageSeen
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
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)


def read(path: Path) -> list[Read]:
    return list(read_hyperkitty(path))


def read_streamed(path: Path) -> list[Read]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
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
def test_the_file_that_is_not_json_is_one_problem_at_its_end() -> None:
    # given {"count": 1, "results": [{"message_id": "x@y" and the end of the file
    path = FIXTURES / "hyperkitty_not_json.json"

    # then where json.load expects a delimiter at line 4 column 1, streaming finds the end
    assert read(path) == [
        SourceProblem(
            str(path),
            f"byte {path.stat().st_size}",
            "not valid JSON: the file ends before the JSON does",
        )
    ]


@pytest.mark.usefixtures("streamed")
def test_a_truncated_page_keeps_the_emails_of_its_results_before_the_cut(tmp_path: Path) -> None:
    # given a page of five emails cut inside the fourth
    text = json.dumps(page([email(n) for n in range(1, 6)]), indent=1)
    path = tmp_path / "boost.json"
    path.write_text(text[: text.index('"message_id": "m4@')], encoding="utf-8")

    # when it is streamed
    items = read(path)

    # then the three whole emails of its results are read, then one problem
    assert [m.message_id for m in items if isinstance(m, Message)] == [
        "m1@example.com",
        "m2@example.com",
        "m3@example.com",
    ]
    assert isinstance(items[-1], SourceProblem)
    assert len(items) == 4


@pytest.mark.usefixtures("streamed")
def test_results_after_a_long_previous_link_are_streamed(tmp_path: Path) -> None:
    # given the usual order of keys, results last
    path = tmp_path / "page.json"
    document = page([email(1), email(2)]) | {"previous": f"{LIST}emails/?page=" + "9" * 9000}
    path.write_text(json.dumps(document))

    assert len([m for m in read(path) if isinstance(m, Message)]) == 2
