"""Reading the wg21.link index, on committed fixtures (tests/fixtures/wg21), then on indexes
built here: big ones streamed, odd ones refused entry by entry."""

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protocols.claims import WG21AuthorClaim
from core.protocols.ingest import SourceProblem
from core.sources.json_files import LOAD_WHOLE_UP_TO
from tests.unit.wg21.strategies import index_entries
from trackers.wg21.records import Document, DocumentSeen, Paper, WG21Seen
from trackers.wg21.sources.wg21_index import read_wg21_index

FIXTURES = Path(__file__).parents[2] / "fixtures" / "wg21"
OPEN_STD = "https://www.open-std.org/jtc1/sc22/wg21/docs/papers"


def read(path: Path) -> list[WG21Seen | SourceProblem]:
    return list(read_wg21_index(path))


def documents(name: str) -> dict[str, DocumentSeen]:
    """The fixture's documents by id; fails on any problem."""
    items = read(FIXTURES / name)
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    return {item.document_id: item for item in items if isinstance(item, Document)}


def papers(name: str) -> dict[str, Paper]:
    return {item.paper_id: item for item in read(FIXTURES / name) if isinstance(item, Paper)}


def test_an_entry_reads_into_its_document_and_its_paper() -> None:
    # given the index entry of P2300R10
    document = documents("index.json")["p2300r10"]

    # then every field the index gives is read; the authors are split in order
    assert document == DocumentSeen(
        document_id="p2300r10",
        paper="p2300",
        revision=10,
        title="`std::execution`",
        authors=tuple(
            WG21AuthorClaim(name)
            for name in (
                "Michał Dominiak",
                "Georgy Evtushenko",
                "Lewis Baker",
                "Lucian Radu Teodorescu",
                "Lee Howes",
                "Kirk Shoop",
                "Michael Garland",
                "Eric Niebler",
                "Bryce Adelstein Lelbach",
            )
        ),
        author_text=(
            "Michał Dominiak, Georgy Evtushenko, Lewis Baker, Lucian Radu Teodorescu, Lee Howes,"
            " Kirk Shoop, Michael Garland, Eric Niebler, Bryce Adelstein Lelbach"
        ),
        document_date=date(2024, 6, 28),
        year=2024,
        subgroup="LEWG",
        subgroups=("LEWG",),
        url=f"{OPEN_STD}/2024/p2300r10.html",
        files=(),
        issues=("cwg2345", "4012"),
    )
    assert papers("index.json")["p2300"] == Paper(
        "p2300", "p", 2300, "paper", "https://github.com/cplusplus/papers/issues/1054"
    )


def test_each_type_of_entry_is_read_with_its_kind_on_its_paper() -> None:
    # given a paper, an N paper, a standing document, an issue and an editorial entry
    kinds = {paper_id: paper.kind for paper_id, paper in papers("index.json").items()}

    assert kinds == {
        "p2300": "paper",
        "n4950": "paper",
        "sd-6": "standing-document",
        "cwg2345": "issue",
        "edit6543": "editorial",
    }


def test_an_issue_s_submitter_is_its_author() -> None:
    issue = documents("index.json")["cwg2345"]
    assert issue.authors == (WG21AuthorClaim("Richard Smith"),)
    assert (issue.paper, issue.revision) == ("cwg2345", None)


def test_a_bare_p_number_gives_its_paper_and_no_document_of_its_own() -> None:
    # given the index's "p2300" entry beside "p2300r10"
    found = documents("index.json")

    # then only the revision is a document; the bare number's paper is p2300
    assert "p2300" not in found
    assert sorted(found) == ["cwg2345", "edit6543", "n4950", "p2300r10", "sd-6"]


def test_every_revision_of_a_paper_is_a_document_of_one_paper_and_an_n_paper_has_none() -> None:
    # given P2300R0 ... P2300R10 and N4950
    found = documents("index_revisions.json")

    # then the revisions share their paper, numbered 0 to 10; N4950 is its own paper
    revisions = {d.revision for d in found.values() if d.paper == "p2300"}
    assert revisions == set(range(11))
    assert (found["n4950"].paper, found["n4950"].revision) == ("n4950", None)
    assert set(papers("index_revisions.json")) == {"p2300", "n4950"}


def test_ids_are_read_in_any_case(tmp_path: Path) -> None:
    # given an index keyed as the mailing pages spell ids
    path = tmp_path / "index.json"
    path.write_text(json.dumps({"P2300R10": {"title": "x"}, "SD-6": {"title": "y"}}))

    # then they are the same lower-case ids
    ids = [item.document_id for item in read(path) if isinstance(item, Document)]
    assert ids == ["p2300r10", "sd-6"]


@pytest.mark.parametrize(
    ("document_id", "expected"),
    [
        ("n4950", date(2023, 5, 10)),
        ("n1377", date(2002, 9, 10)),  # "10 September 2002"
        ("n1385", date(2002, 9, 9)),  # "9 Sepember 2002", misspelt
        ("n2027", date(2006, 6, 12)),  # "June 12, 2006"
        ("n1234", None),  # "Sept 1999": no day
        ("sd-6", None),  # "unknown"
        ("n4000", None),  # "2014-13-01": reported
        ("n4001", None),  # "sometime next week": reported
    ],
)
def test_dates_in_every_form_the_index_writes(document_id: str, expected: date | None) -> None:
    items = read(FIXTURES / "index_dates.json")
    found = {i.document_id: i for i in items if isinstance(i, Document)}
    assert found[document_id].document_date == expected


def test_a_date_that_is_none_keeps_its_document_and_says_so() -> None:
    # given entries whose dates are no day of the calendar, or no date at all
    problems = [
        item for item in read(FIXTURES / "index_dates.json") if isinstance(item, SourceProblem)
    ]

    # then each is reported where it is, and its document is kept (not skipped)
    where = str(FIXTURES / "index_dates.json")
    assert problems == [
        SourceProblem(
            where,
            "entry 'n4000'",
            "date '2014-13-01' is no day of the calendar: kept without a date",
            skipped=False,
        ),
        SourceProblem(
            where,
            "entry 'n4001'",
            "date 'sometime next week' is not a date: kept without a date",
            skipped=False,
        ),
    ]


def test_the_year_is_the_open_std_folder_s_even_without_a_day() -> None:
    items = read(FIXTURES / "index_dates.json")
    found = {item.document_id: item for item in items if isinstance(item, Document)}
    assert (found["n1234"].year, found["n4950"].year, found["sd-6"].year) == (1999, 2023, None)


@pytest.mark.parametrize(
    ("document_id", "codes"),
    [
        ("p2300r10", ("LEWG",)),
        ("p2300r9", ("LEWG",)),  # "lewg"
        ("p2300r8", ("LEWG",)),  # "LEWG Library Evolution"
        ("p2300r7", ("LEWG",)),  # "Library Evoution"
        ("p1240r0", ("SG17",)),  # "EWGI SG17: EWG Incubator"
        ("p1241r0", ("SG18",)),  # "LEWGI"
        ("p2000r0", ("SG1", "LEWG")),
        ("p2001r0", ("SG14",)),  # "SG14 Low Latancy"
        ("n4966", ("WG21",)),  # "All of WG21"
        ("p2002r0", ()),  # "Posterity": no group known by that name
    ],
)
def test_subgroups_with_typos_and_aliases_name_canonical_codes_and_keep_their_text(
    document_id: str, codes: tuple[str, ...]
) -> None:
    document = documents("index_subgroups.json")[document_id]
    assert document.subgroups == codes
    assert document.subgroup  # as written


def test_author_quirks_of_the_index_give_the_authors_as_written() -> None:
    found = {
        key: [a.display_name for a in d.authors]
        for key, d in documents("index_authors.json").items()
    }

    assert found["n2027"] == ["H. Hinnant", "B. Stroustrup", "B. Kozicki"]
    assert found["n2761"] == ["Jens Maurer", "Michael Wong", "Bjarne Stroustroup"]
    assert found["n1705"] == ["J. Jarvi", "B. Stroustrup", "G. Dos Reis"]
    assert found["p0542r0"] == ["J. Daniel Garc\ufffda", "J. Daniel Garcia", "Gabriel Dos Reis"]
    assert found["n1377"] == ["Howard E. Hinnant", "Peter Dimov", "Dave Abrahams"]
    assert found["n4129"] == ["Robert Douglas", "Alisdair Meredith"]
    assert found["n3370"] == ["Beman Dawes", "Alisdair Meredith"]
    assert found["p0009r18"] == [
        "Christian Trott",
        "D.S. Hollman",
        "Bryce Adelstein Lelbach",
        "H. Carter Edwards",
    ]
    assert found["p0847r0"] == ["Gasper Azman", "Simon Brand", "Ben Deane", "Barry Revzin"]
    assert found["p0847r7"] == ["Gašper Ažman", "Sy Brand", "Ben Deane", "Barry Revzin"]
    assert found["p2300r2"] == ["Bryce Adelstein Lelbach (wash)", "Eric Niebler"]
    assert found["n4455"] == ["jfbastien@apple.com"]
    assert found["p2996r0"] == ["Wyatt Childers", "Peter Dimov", "Barry Revzin"]
    assert found["p2900r0"] == ["Joshua Berne", "Timur Doumler", "Andrzej Krzemieński"]
    emails = {
        a.display_name: a.email for d in documents("index_authors.json").values() for a in d.authors
    }
    assert emails["Richard Smith"] == "richardsmith@google.com"
    assert emails["jfbastien@apple.com"] == "jfbastien@apple.com"


def test_the_author_text_is_kept_as_written_beside_the_split() -> None:
    assert documents("index_authors.json")["p2996r0"].author_text == (
        "Wyatt Childers, Peter Dimov, Barry Revzin et al."
    )


def test_entries_of_the_wrong_shape_are_each_one_problem_and_the_others_are_read() -> None:
    # given an index where some entries hold values of the wrong types, or wrong keys
    path = FIXTURES / "broken" / "index_wrong_types.json"
    items = read(path)

    # then each bad entry is one problem at its key, and the good ones are read
    problems = [(p.position, p.reason) for p in items if isinstance(p, SourceProblem)]
    assert problems == [
        ("entry 'p2301r0'", "should be an object, not 'a string where an object belongs'"),
        ("entry 'p2302r0'", "title should be a string, not 2302"),
        ("entry 'p2303r0'", "author should be a string, not an array"),
        ("entry 'p2304r0'", "issues should be an array, not an object"),
        ("entry 'p2305r0'", "issues[0] should be a string or an integer, not null"),
        ("entry 'not a document id'", "not a WG21 document id"),
        ("entry 'n4950r1'", "not a WG21 document id"),
        ("entry 'p99999999999r0'", "not a WG21 document id"),
    ]
    assert all(p.path == str(path) for p in items if isinstance(p, SourceProblem))
    assert [d.document_id for d in items if isinstance(d, Document)] == ["p2300r10", "n4950"]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"issues": ["cwg1", 4012, 2.5]},
            "issues[2] should be a string or an integer, not 2.5",
        ),
        ({"issues": [True]}, "issues[0] should be a string or an integer, not true"),
        ({"issues": [["cwg1"]]}, "issues[0] should be a string or an integer, not an array"),
        ({"type": "issue", "submitter": 7}, "submitter should be a string, not 7"),
        # a submitter of the wrong type is wrong even where an author is given
        (
            {"author": "Ann Author", "submitter": False},
            "submitter should be a string, not false",
        ),
        ({"date": {"year": 2024}}, "date should be a string, not an object"),
    ],
)
def test_a_field_of_the_wrong_type_is_named_with_what_it_holds(
    tmp_path: Path, fields: dict[str, object], reason: str
) -> None:
    path = tmp_path / "index.json"
    path.write_text(json.dumps({"p2300r10": {"title": "A paper", **fields}}))
    assert read(path) == [SourceProblem(str(path), "entry 'p2300r10'", reason)]


def test_a_long_key_or_date_is_shown_cut_short_in_its_problem(tmp_path: Path) -> None:
    # given an entry whose key is no id, and one whose date is no date, both long
    path = tmp_path / "index.json"
    key, date_text = "not an id " + "k" * 100, "sometime " + "d" * 100
    path.write_text(json.dumps({key: {}, "n4950": {"date": date_text}}))

    # then each problem quotes the first 40 characters and marks the cut
    assert [(p.position, p.reason) for p in read(path) if isinstance(p, SourceProblem)] == [
        (f"entry {key[:40]!r}...", "not a WG21 document id"),
        ("entry 'n4950'", f"date {date_text[:40]!r}... is not a date: kept without a date"),
    ]


def test_text_holds_no_nul_and_no_lone_surrogate() -> None:
    items = read(FIXTURES / "broken" / "index_wrong_types.json")
    n4950 = next(d for d in items if isinstance(d, Document) and d.document_id == "n4950")
    assert n4950.title == "Working Draft, Standard for Programming Language C++"
    assert n4950.authors == (WG21AuthorClaim("Thomas Köppe\ufffd"),)


@pytest.mark.parametrize(
    ("name", "position", "reason"),
    [
        ("index_not_json.json", "line 1 column 1", "not valid JSON: Expecting value"),
        (
            "index_truncated.json",
            "line 3 column 39",
            "not valid JSON: Unterminated string starting at",
        ),
        ("index_array.json", "", "not a JSON object but an array"),
    ],
)
def test_a_file_that_is_no_index_is_one_problem(name: str, position: str, reason: str) -> None:
    path = FIXTURES / "broken" / name
    assert read(path) == [SourceProblem(str(path), position, reason)]


def test_a_missing_file_and_a_folder_are_one_problem_each(tmp_path: Path) -> None:
    missing, folder = tmp_path / "none.json", tmp_path

    assert read(missing) == [
        SourceProblem(str(missing), "", "cannot open: No such file or directory")
    ]
    assert read(folder) == [
        SourceProblem(str(folder), "", "cannot open: not a regular file but a folder")
    ]


def big_index(path: Path, entries: int) -> dict[str, object]:
    index: dict[str, object] = {
        f"p{i}r0": {
            "type": "paper",
            "title": f"Paper {i} " + "x" * 200,
            "author": f"A{i}, B{i} and C{i}",
        }
        for i in range(entries)
    }
    path.write_text(json.dumps(index))
    return index


def test_a_big_index_is_streamed_and_gives_what_a_small_one_gives(tmp_path: Path) -> None:
    # given an index bigger than what is loaded whole
    path = tmp_path / "index.json"
    big_index(path, 40_000)
    assert os.path.getsize(path) > LOAD_WHOLE_UP_TO

    # when it is read
    found = [item for item in read(path) if isinstance(item, Document)]

    # then every entry is a document, read as a small index reads it
    assert len(found) == 40_000
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"p39999r0": json.loads(path.read_text())["p39999r0"]}))
    assert found[-1] == next(item for item in read(small) if isinstance(item, Document))


def test_a_big_index_cut_short_keeps_the_entries_before_the_fault(tmp_path: Path) -> None:
    # given a big index whose end is lost
    path = tmp_path / "index.json"
    big_index(path, 40_000)
    with path.open("r+b") as file:
        file.truncate(os.path.getsize(path) - 1000)

    # when it is read
    items = read(path)

    # then the entries before the fault are read and the fault is one problem at its byte
    assert len([item for item in items if isinstance(item, Document)]) > 39_000
    last = items[-1]
    assert isinstance(last, SourceProblem) and last.position.startswith("byte ")


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.one_of(st.sampled_from(["p2300r10", "P1000", "n4950", "sd-6"]), st.text(max_size=12)),
    value=index_entries(),
)
def test_any_entry_is_its_records_or_exactly_one_problem(
    tmp_path: Path, key: str, value: object
) -> None:
    # given an index of one entry, well formed or not
    path = tmp_path / "index.json"
    path.write_text(json.dumps({key: value}))

    # when it is read
    items = read(path)

    # then it is one problem that skips it, or its paper and at most its document
    skipped = [item for item in items if isinstance(item, SourceProblem) and item.skipped]
    records = [item for item in items if not isinstance(item, SourceProblem)]
    if skipped:
        assert (len(skipped), records) == (1, [])
    else:
        assert isinstance(records[0], Paper) and len(records) <= 2
