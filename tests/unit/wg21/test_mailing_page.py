"""Reading saved open-std.org papers pages, on committed fixtures (tests/fixtures/wg21), then
on pages built here: streamed by chunks, in other encodings, broken or not pages at all."""

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ingest.limits import TEXT_LIMIT
from core.protocols.claims import WG21AuthorClaim
from core.protocols.ingest import SourceProblem
from trackers.wg21.records import Document, DocumentSeen, Mailing, Paper, WG21Seen
from trackers.wg21.sources.mailing_page import CHUNK, read_mailing_page

FIXTURES = Path(__file__).parents[2] / "fixtures" / "wg21"
OPEN_STD = "https://www.open-std.org/jtc1/sc22/wg21/docs/papers"
HEADER = (
    "<tr><th>WG21 Number</th><th>Title</th><th>Author</th><th>Document Date</th>"
    "<th>Mailing Date</th><th>Previous Version</th><th>Subgroup</th><th>Disposition</th></tr>"
)


def read(path: Path) -> list[WG21Seen | SourceProblem]:
    return list(read_mailing_page(path))


def documents(path: Path) -> dict[str, DocumentSeen]:
    """The page's documents by id; fails on any problem."""
    items = read(path)
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    return {item.document_id: item for item in items if isinstance(item, Document)}


def mailings(path: Path) -> list[Mailing]:
    return [item for item in read(path) if isinstance(item, Mailing)]


def page(tmp_path: Path, body: str, name: str = "2024.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def test_the_papers_index_names_each_mailing_it_links_with_its_title() -> None:
    # given the papers index, whose links are "YYYY/#mailingYYYY-MM", in a list or a table
    found = mailings(FIXTURES / "papers_index.html")

    # then each is a mailing titled by its link's text, entities read
    assert found == [
        Mailing("2025-02", "2025-02 pre-Hagenberg mailing"),
        Mailing("2025-01", "2025-01 mailing"),
        Mailing("2024-12", "2024-12 post-Wrocław mailing"),
        Mailing("2003-04", "2003-04 post-Oxford mailing"),
    ]
    assert documents(FIXTURES / "papers_index.html") == {}


def test_a_year_page_opens_a_section_per_mailing_and_a_section_may_have_no_table() -> None:
    # given the 2025 page: an id anchor with no table after it, then a name anchor and a table
    path = FIXTURES / "mailings_2025.html"

    # then both mailings are read, the title beside an empty anchor too
    assert mailings(path) == [
        Mailing("2025-01", "2025-01 mailing"),
        Mailing("2025-02", "2025-02 pre-Hagenberg mailing"),
    ]
    assert {d.mailing for d in documents(path).values()} == {"2025-02"}


def test_a_row_of_an_eight_column_table_reads_into_its_document_and_its_paper() -> None:
    # given a current page's row
    found = documents(FIXTURES / "mailings_2025.html")["p2996r10"]

    # then every column is read, the previous version as an id
    assert found == DocumentSeen(
        document_id="p2996r10",
        paper="p2996",
        revision=10,
        title="Reflection for C++26",
        authors=tuple(
            WG21AuthorClaim(name)
            for name in (
                "Wyatt Childers",
                "Peter Dimov",
                "Dan Katz",
                "Barry Revzin",
                "Andrew Sutton",
                "Faisal Vali",
                "Daveed Vandevoorde",
            )
        ),
        author_text=(
            "Wyatt Childers, Peter Dimov, Dan Katz, Barry Revzin, Andrew Sutton, Faisal Vali,"
            " and Daveed Vandevoorde"
        ),
        document_date=date(2025, 2, 27),
        year=2025,
        mailing="2025-02",
        subgroup="EWG Evolution, LEWG Library Evolution",
        subgroups=("EWG", "LEWG"),
        previous_version="p2996r9",
        disposition="",
        url=f"{OPEN_STD}/2025/p2996r10.html",
        files=(f"{OPEN_STD}/2025/p2996r10.html", f"{OPEN_STD}/2025/p2996r10.pdf"),
        issues=(),
    )
    papers = [item for item in read(FIXTURES / "mailings_2025.html") if isinstance(item, Paper)]
    assert Paper("p2996", "p", 2996) in papers


def test_a_row_with_several_links_keeps_every_format_and_the_one_named_by_its_id_first() -> None:
    found = documents(FIXTURES / "mailings_2025.html")["p2996r10"]
    assert found.url == f"{OPEN_STD}/2025/p2996r10.html"
    assert found.files is not None and len(found.files) == 2


def test_relative_links_are_read_against_the_year_s_folder_and_off_site_ones_are_kept() -> None:
    found = documents(FIXTURES / "mailings_2025.html")

    assert found["n5001"].url == f"{OPEN_STD}/2025/n5001.pdf"
    assert found["p3500r0"].url == "https://isocpp.org/files/papers/P3500R0.pdf"
    assert found["p3500r0"].year is None  # not filed in an open-std.org folder


def test_authors_joined_by_commas_line_breaks_and_and_are_split() -> None:
    found = documents(FIXTURES / "mailings_2025.html")["p3500r0"]
    assert [a.display_name for a in found.authors] == [
        "Timur Doumler",
        "Gašper Ažman",
        "Joshua Berne",
    ]
    assert found.title == 'Are Contracts "safe"?'
    assert found.subgroups == ("SG21", "SG23")


def test_cells_without_end_tags_are_read_as_cells() -> None:
    found = documents(FIXTURES / "mailings_2025.html")["p3070r2"]
    assert (found.title, found.previous_version, found.subgroups) == (
        "Formatting enums",
        "p3070r1",
        ("LEWG",),
    )
    assert found.disposition == ""


def test_empty_cells_say_nothing_and_an_empty_row_is_no_paper() -> None:
    found = documents(FIXTURES / "mailings_2025.html")
    draft = found["p3600r0"]

    assert (draft.authors, draft.document_date, draft.subgroups, draft.author_text) == (
        (),
        None,
        (),
        "",
    )
    assert sorted(found) == ["n5001", "p2996r10", "p3070r2", "p3500r0", "p3600r0"]


def test_an_older_five_column_page_without_a_header_row_in_latin_1_is_read() -> None:
    # given a 2003 page: upper-case tags, no header row, five columns, Latin-1 bytes
    found = documents(FIXTURES / "mailings_2003.html")

    # then its rows are read by their number of cells, its text decoded
    n1430 = found["n1430"]
    assert [a.display_name for a in n1430.authors] == ["Jaakko Järvi", "Gary Powell"]
    assert (n1430.document_date, n1430.subgroups, n1430.mailing) == (
        date(2003, 4, 10),
        ("EWG",),
        "2003-04",
    )
    assert found["n1424"].url == f"{OPEN_STD}/2003/n1424.htm"
    assert found["n1424"].document_date == date(2003, 3, 3)


def test_a_page_declared_in_a_charset_is_read_in_it(tmp_path: Path) -> None:
    # given a page that says it is Windows-1252
    path = tmp_path / "page.html"
    head = '<head><meta charset="windows-1252"></head>'
    row = (
        '<tr><td><a href="n1000.pdf">N1000</a></td><td>Café “quoted”</td><td>Ann</td>'
        "<td>1996-01-01</td><td>Core</td></tr>"
    )
    path.write_bytes(
        f'<html>{head}<a name="mailing1996-01"></a><table>{row}</table></html>'.encode("cp1252")
    )

    # then its text is decoded as such
    assert documents(path)["n1000"].title == "Café “quoted”"


def test_bytes_that_are_not_utf_8_in_an_undeclared_page_are_read_as_windows_1252(
    tmp_path: Path,
) -> None:
    # given a UTF-8 page with one name saved in Windows-1252
    path = tmp_path / "page.html"
    row = "<tr><td>P1000R0</td><td>Ünïcødé</td><td>J. Daniel Garc\x00</td></tr>"
    text = f'<a name="mailing2024-01"></a><table>{HEADER}{row}</table>'
    path.write_bytes(text.encode("utf-8").replace(b"\x00", b"\xeda"))

    # then both read as written
    found = documents(path)["p1000r0"]
    assert (found.title, found.author_text) == ("Ünïcødé", "J. Daniel García")


def test_a_row_split_across_chunks_and_a_character_split_across_them_are_read_whole(
    tmp_path: Path,
) -> None:
    # given a page bigger than a chunk, with rows and multi-byte characters across every boundary
    rows = "".join(
        f"<tr><td><a href='p{i}r0.html'>P{i}R0</a></td><td>Tït{i}é 日本</td><td>Ann Ö{i}</td>"
        f"<td>2024-01-02</td><td>2024-01</td><td></td><td>SG{i % 23 + 1}</td><td></td></tr>\n"
        for i in range(3000)
    )
    path = page(
        tmp_path,
        f'<h2><a name="mailing2024-01">2024-01 mailing</a></h2><table>{HEADER}{rows}</table>',
    )
    assert os.path.getsize(path) > 4 * CHUNK

    # when it is read
    found = documents(path)

    # then every row is a document with its text intact
    assert len(found) == 3000
    assert all(d.title == f"Tït{d.document_id[1:-2]}é 日本" for d in found.values())
    assert found["p2999r0"].authors == (WG21AuthorClaim("Ann Ö2999"),)


def test_rows_that_cannot_be_read_are_problems_at_their_line_and_the_others_are_read() -> None:
    # given a page with a row without an id, a bad date, and a header-less table of three cells
    path = FIXTURES / "broken" / "page_bad_rows.html"
    items = read(path)

    # then each is a problem where it is; the bad date keeps its document
    problems = [(p.position, p.reason, p.skipped) for p in items if isinstance(p, SourceProblem)]
    assert problems == [
        ("line 5", "no WG21 document id in its number", True),
        ("line 7", "date '2024-02-30' is no day of the calendar: kept without a date", False),
        (
            "line 10",
            "a row of 3 cells in a table with no header row: its columns cannot be told",
            True,
        ),
    ]
    assert sorted(d.document_id for d in items if isinstance(d, Document)) == ["p3400r0", "p3401r0"]


def test_a_row_whose_number_cell_has_only_a_link_takes_the_id_from_the_file_name(
    tmp_path: Path,
) -> None:
    row = "<tr><td><a href='P1234R2.pdf'>pdf</a></td><td>t</td><td>a</td><td></td><td></td></tr>"
    path = page(tmp_path, f'<a name="mailing2020-01"></a><table>{row}</table>')
    assert list(documents(path)) == ["p1234r2"]


def test_a_row_outside_any_section_takes_its_mailing_from_its_mailing_date(tmp_path: Path) -> None:
    row = (
        "<tr><td>N4990</td><td>t</td><td>a</td><td>2024-08-01</td><td>2024-08-12</td>"
        "<td></td><td></td><td></td></tr>"
    )
    path = page(tmp_path, f"<table>{HEADER}{row}</table>")

    assert documents(path)["n4990"].mailing == "2024-08"
    assert Mailing("2024-08") in mailings(path)


def test_a_base_element_says_where_relative_links_point(tmp_path: Path) -> None:
    row = "<tr><td><a href='n4990.pdf'>N4990</a></td><td>t</td><td>a</td><td></td><td></td></tr>"
    path = page(
        tmp_path,
        '<base href="https://example.org/mirror/2024/">'
        f'<a name="mailing2024-08"></a><table>{row}</table>',
    )
    assert documents(path)["n4990"].url == "https://example.org/mirror/2024/n4990.pdf"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not an open-std.org papers page: no mailing anchor, mailing link or paper table"),
        (
            b'{"p2300r10": {"title": "x"}}',
            "not an open-std.org papers page: no mailing anchor, mailing link or paper table",
        ),
        (
            b"<html><body><p>Hello</p></body></html>",
            "not an open-std.org papers page: no mailing anchor, mailing link or paper table",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not an HTML page but a binary file (it holds NUL bytes)",
        ),
    ],
)
def test_a_file_that_is_no_papers_page_is_one_problem(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    assert read(path) == [SourceProblem(str(path), "", reason)]


def test_the_committed_file_that_is_no_page_is_one_problem() -> None:
    path = FIXTURES / "broken" / "not_a_page.html"
    assert read(path) == [
        SourceProblem(
            str(path),
            "",
            "not an open-std.org papers page: no mailing anchor, mailing link or paper table",
        )
    ]


def test_a_missing_file_and_a_fifo_are_one_problem_each(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)

    assert read(tmp_path / "none.html") == [
        SourceProblem(str(tmp_path / "none.html"), "", "cannot open: No such file or directory")
    ]
    assert read(fifo) == [
        SourceProblem(str(fifo), "", "cannot open: not a regular file but a FIFO (named pipe)")
    ]


def test_text_holds_no_nul_and_no_lone_surrogate(tmp_path: Path) -> None:
    row = "<tr><td>N1</td><td>a&#0;b &#xD800;c</td><td>Ann</td><td></td><td></td></tr>"
    path = page(tmp_path, f'<a name="mailing2020-01"></a><table>{row}</table>')
    assert documents(path)["n1"].title == "a\ufffdb \ufffdc"


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<table>",
                    "</table>",
                    "<tr>",
                    "</tr>",
                    "<td>",
                    "</td>",
                    "<th>",
                    "<br>",
                    "P2300R10",
                    '<a name="mailing2024-01">',
                    '<a href="2024/#mailing2024-07">',
                    "</a>",
                    ", and ",
                    "<a href='p1r0.pdf'>",
                    "&amp;",
                    "&#0;",
                    "<!--",
                    "<script>",
                    "2024-13-45",
                    "</h2>",
                ]
            ),
            st.text(max_size=10),
        ),
        max_size=40,
    )
)
def test_any_markup_reads_without_raising(tmp_path: Path, parts: list[str]) -> None:
    # given any soup of the markup such pages hold
    path = tmp_path / "page.html"
    path.write_text("".join(parts), encoding="utf-8", errors="surrogatepass")

    # when it is read; then it is records and problems, never an exception
    for item in read(path):
        assert isinstance(item, (Document, Paper, Mailing, SourceProblem))


def test_a_table_whose_header_names_no_number_column_holds_no_papers(tmp_path: Path) -> None:
    # given a year page with a table of contents beside its table of papers
    contents = (
        "<table><tr><th>Section</th><th>Date</th></tr><tr><td>Intro</td><td>2024</td></tr></table>"
    )
    papers = f"<table>{HEADER}<tr><td>N4990</td><td>t</td><td>a</td><td></td><td></td></tr></table>"
    path = page(tmp_path, f'<a name="mailing2024-08"></a>{contents}{papers}')

    # then only the papers are read, and the other table is no problem
    assert list(documents(path)) == ["n4990"]


def test_a_cell_far_longer_than_a_text_field_is_not_held_whole(tmp_path: Path) -> None:
    # given a row whose title cell is three times what a text field stores
    title = "x" * (3 * TEXT_LIMIT)
    row = f"<tr><td>N1</td><td>{title}</td><td>Ann</td><td></td><td></td></tr>"
    path = page(tmp_path, f'<a name="mailing2020-01"></a><table>{row}</table>')

    # then the reader keeps about what a field holds, for the engine to cut and report
    found = documents(path)["n1"]
    assert TEXT_LIMIT < len(found.title) <= TEXT_LIMIT + CHUNK
