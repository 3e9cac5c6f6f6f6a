"""An open-std.org papers page, as what it holds for the WG21 tracker: the mailings it
links or opens, and the rows of its tables, in page order, with the line each starts on.

The papers index (``docs/papers/``) links each mailing as ``2025/#mailing2025-02``, its text
the mailing's title; a year's page (``docs/papers/2025/``) opens each mailing's section with
an anchor (``<a name="mailing2025-02">`` or an ``id``) followed by a ``<table>`` of papers.
Real pages are hand-edited HTML: end tags of cells and rows are often left out, a section
may have no table, cells may be empty. The standard library's ``html.parser`` reads it, fed
by chunks, so a page is never held whole; a cell keeps at most what a text field stores.
"""

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import attrs

from core.ingest.limits import TEXT_LIMIT

_MAILING = r"mailing(\d{4}-(?:0[1-9]|1[0-2]))"
_ANCHOR = re.compile(rf"(?i){_MAILING}")
_LINK = re.compile(rf"(?i)^[^#]*#{_MAILING}$")
# Where a mailing section's title ends: its heading or paragraph, or the table that follows.
_TITLE_ENDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li", "td", "th"})
_TITLE_LIMIT = 300
# Cells that open a line of their own in a cell's text: authors are often one per line.
_BREAKS = frozenset({"br", "p", "div", "li"})
CELLS_PER_ROW = 64


@attrs.frozen
class MailingNamed:
    """A mailing a page links (``linked``) or opens a section of, with its title if any."""

    mailing_id: str  # "2025-02"
    title: str
    line: int
    linked: bool


@attrs.frozen
class Cell:
    text: str  # line breaks where the cell had <br> or a paragraph
    links: tuple[str, ...]  # the hrefs in it, as written
    header: bool  # a <th>


@attrs.frozen
class Row:
    mailing_id: str  # of the section the row is in; "" before any
    table: int  # which table of the page, from 1
    line: int
    cells: tuple[Cell, ...]


type PageItem = MailingNamed | Row


class _Cell:
    def __init__(self, header: bool) -> None:
        self.header = header
        self.parts: list[str] = []
        self.size = 0
        self.links: list[str] = []

    def add(self, text: str) -> None:
        if self.size <= TEXT_LIMIT:
            self.parts.append(text)
            self.size += len(text)

    def done(self) -> Cell:
        return Cell("".join(self.parts), tuple(self.links), self.header)


class PageParser(HTMLParser):
    """Feed it text; ``items()`` gives what has been read since it was last called."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""  # a <base href>, if the page has one
        self.pending: list[PageItem] = []
        self.section = ""
        self.tables = 0
        self.depth = 0  # of nested tables: only the rows of an outermost one are papers
        self.row: list[Cell] | None = None
        self.row_line = 0
        self.cell: _Cell | None = None
        self.title: tuple[str, int, bool, list[str]] | None = None  # mailing being titled

    def items(self) -> Iterator[PageItem]:
        found, self.pending = self.pending, []
        yield from found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"].strip()
        if tag == "table" or (tag == "a" and self.title is not None and self.title[2]):
            self._end_title()
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables += 1
        elif self.depth == 1 and tag == "tr":
            self._end_row()
            self.row, self.row_line = [], self.getpos()[0]
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if self.row is None:  # a cell with no <tr>: its row starts here
                self.row, self.row_line = [], self.getpos()[0]
            self.cell = _Cell(header=tag == "th")
        elif tag in _BREAKS:
            self._text("\n")
        self._anchor(tag, values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _BREAKS and tag != "base":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.title is not None and (tag in _TITLE_ENDS or (tag == "a" and self.title[2])):
            self._end_title()
        if tag == "table" and self.depth:
            if self.depth == 1:
                self._end_row()
            self.depth -= 1
        elif self.depth == 1 and tag == "tr":
            self._end_row()
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif tag in _BREAKS:
            self._text("\n")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def close(self) -> None:
        super().close()
        self._end_title()
        self._end_row()

    def _anchor(self, tag: str, values: dict[str, str]) -> None:
        named = _ANCHOR.fullmatch(values.get("id", "") or values.get("name", ""))
        if named:
            self._end_title()
            self.section = named.group(1)
            self.title = (self.section, self.getpos()[0], False, [])
        elif tag == "a" and (linked := _LINK.match(values.get("href", "").strip())):
            self._end_title()
            self.title = (linked.group(1), self.getpos()[0], True, [])
        if tag == "a" and self.cell is not None and values.get("href"):
            self.cell.links.append(values["href"].strip())

    def _text(self, text: str) -> None:
        if self.title is not None and sum(map(len, self.title[3])) < _TITLE_LIMIT:
            self.title[3].append(text)
        if self.cell is not None:
            self.cell.add(text)

    def _end_title(self) -> None:
        if self.title is not None:
            mailing_id, line, linked, parts = self.title
            title = " ".join("".join(parts).split())[:_TITLE_LIMIT]
            self.pending.append(MailingNamed(mailing_id, title, line, linked))
            self.title = None

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None and len(self.row) < CELLS_PER_ROW:
            self.row.append(self.cell.done())
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            if self.row:
                self.pending.append(Row(self.section, self.tables, self.row_line, tuple(self.row)))
            self.row = None
