"""``trackerhub collect wg21-index`` and ``wg21-mailing``, end to end through the console
script on SQLite: the bundled samples, the test fixtures and bad input."""

import json
import subprocess
from pathlib import Path
from typing import cast

import pytest

from tests.django import test_collect
from tests.django.test_collect import REPO, SCRIPT, collect
from tests.support.reports import errors_read_again, nothing_but_skipped

SAMPLES = REPO / "adapters" / "django_orm" / "wg21" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "wg21"

# A migrated SQLite database of its own for each test, as the other collect tests have.
database = test_collect.database


def records(report: dict[str, object]) -> dict[str, dict[str, int]]:
    found = report["records"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(
    ("source", "paths"),
    [
        ("wg21-index", [SAMPLES / "index.json"]),
        ("wg21-mailing", [SAMPLES / "papers.html", SAMPLES / "2024.html"]),
        ("wg21-index", [FIXTURES]),
        ("wg21-mailing", [FIXTURES]),
    ],
)
def test_a_first_collect_adds_a_second_reads_nothing_again_and_a_full_one_finds_it_unchanged(
    database: dict[str, str], source: str, paths: list[Path]
) -> None:
    # when a source is collected three times: then unchanged, then in full
    first_status, first = collect(database, source, *paths)
    second_status, second = collect(database, source, *paths)
    full_status, full = collect(database, source, *paths, "--full")

    # then the first adds documents, the second reads again only the files nothing could be
    # read from, and the full one changes nothing
    assert first_status == second_status == full_status == 0
    assert records(first)["wg21.document"]["added"] > 0
    assert nothing_but_skipped(second)
    assert second["already_read"] and second["errors"] == errors_read_again(first, second)
    assert all(c["added"] == c["updated"] == 0 for c in records(full).values())
    assert full["errors"] == first["errors"]


def test_the_index_and_the_mailing_pages_together_fill_in_each_other(
    database: dict[str, str],
) -> None:
    # given the sample index collected
    collect(database, "wg21-index", SAMPLES / "index.json")

    # when the mailing pages describing some of its papers are collected
    status, report = collect(database, "wg21-mailing", SAMPLES)

    # then the documents both describe are updated, the others added
    assert status == 0
    documents = records(report)["wg21.document"]
    assert documents["updated"] == 1  # p2300r10, now with its mailing and files
    assert documents["added"] == 3
    assert records(report)["wg21.mailing"]["added"] == 3


def test_stats_count_the_records_and_the_authors_collected(database: dict[str, str]) -> None:
    collect(database, "wg21-index", SAMPLES / "index.json")
    collect(database, "wg21-mailing", SAMPLES)

    result = subprocess.run(
        [SCRIPT, "stats", "--json"], env=database, capture_output=True, text=True, timeout=60
    )

    stats = json.loads(result.stdout)
    assert {k: v for k, v in stats["records"].items() if k.startswith("wg21.")} == {
        "wg21.document": 9,
        "wg21.mailing": 3,
        "wg21.paper": 7,
    }
    assert stats["profiles"]["wg21"] == 16


def test_bad_input_is_reported_with_its_file_its_position_and_its_reason(
    database: dict[str, str],
) -> None:
    # when a broken index and a page with bad rows are collected
    index_status, index = collect(
        database, "wg21-index", FIXTURES / "broken" / "index_wrong_types.json"
    )
    page_status, page = collect(
        database, "wg21-mailing", FIXTURES / "broken" / "page_bad_rows.html"
    )

    # then every error names its file, where in it, and why; what could be read is stored
    assert index_status == page_status == 0
    for report in (index, page):
        errors = report["errors"]
        assert isinstance(errors, list) and errors
        for error in errors:
            assert set(error) == {"file", "position", "reason"}
            assert error["file"].endswith(("index_wrong_types.json", "page_bad_rows.html"))
            assert error["position"] and error["reason"]
    assert {
        "file": str(FIXTURES / "broken" / "index_wrong_types.json"),
        "position": "entry 'p2302r0'",
        "reason": "title should be a string, not 2302",
    } in cast(list[dict[str, str]], index["errors"])
    assert records(index)["wg21.item"]["skipped"] == 8
    assert records(index)["wg21.document"]["added"] == 2
    assert records(page)["wg21.document"]["added"] == 2


@pytest.mark.parametrize(
    ("source", "path", "reason"),
    [
        ("wg21-index", FIXTURES / "broken" / "index_truncated.json", "not valid JSON"),
        ("wg21-index", FIXTURES / "broken" / "index_array.json", "not a JSON object but an array"),
        ("wg21-index", FIXTURES / "broken" / "index_not_json.json", "not valid JSON"),
        (
            "wg21-mailing",
            FIXTURES / "broken" / "not_a_page.html",
            "not an open-std.org papers page",
        ),
        ("wg21-mailing", Path("/no/such/2024.html"), "no such file or folder"),
    ],
)
def test_nothing_readable_exits_1_with_a_one_line_error(
    database: dict[str, str], source: str, path: Path, reason: str
) -> None:
    # when only a file that is not of the format is collected
    result = subprocess.run(
        [SCRIPT, "collect", source, path], env=database, capture_output=True, text=True, timeout=60
    )

    # then the status is 1 and the error says which file and why, on one line, no traceback
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {path}") and reason in line
    assert "Traceback" not in result.stderr


def test_a_readable_file_among_unreadable_ones_exits_0(database: dict[str, str]) -> None:
    status, report = collect(
        database,
        "wg21-index",
        SAMPLES / "index.json",
        FIXTURES / "broken" / "index_array.json",
    )

    assert status == 0
    assert report["files_read"] == 1
