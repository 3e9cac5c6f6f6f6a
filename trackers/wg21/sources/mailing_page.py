"""Saved open-std.org papers pages: the papers index (``docs/papers/``), whose links name
each mailing and its title, and each year's page (``docs/papers/YYYY/``), whose sections hold
a table of papers per mailing.

A table's columns are told by its header row: current pages have eight (WG21 Number, Title,
Author, Document Date, Mailing Date, Previous Version, Subgroup, Disposition), older ones
five (number, title, author, date, subgroup); a table without a header row is read by the
number of its cells. The number cell links the paper's files, one link per format
(``p2300r10.html``, ``p2300r10.pdf``), relative to the year's folder or off-site. A row with
no document id in its number cell is a problem, unless it holds nothing at all.

Pages are HTML of any age: their bytes are read as the page's declared charset, else as
UTF-8, a byte that is not UTF-8 being read as Windows-1252 (older pages were saved so).
"""

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from core.protocols.ingest import SourceProblem
from core.sources.files import open_error, open_regular, path_text
from trackers.wg21.records import Mailing, WG21Seen
from trackers.wg21.sources.document_ids import DocumentId, id_in_file_name, parse_document_id
from trackers.wg21.sources.documents import Described, one_line, records_of
from trackers.wg21.sources.page_html import Cell, MailingNamed, PageParser, Row

CHUNK = 64 * 1024
_SITE = "https://www.open-std.org/jtc1/sc22/wg21/docs/papers/"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_ID_IN_TEXT = re.compile(r"\b[A-Za-z]{1,8}-?\d{1,9}(?:[Rr]\d{1,4})?\b")
_MONTH = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])\b")
_NOT_A_PAGE = "not an open-std.org papers page: no mailing anchor, mailing link or paper table"

# Column headers, by the first words that tell them, and the layouts of tables without one.
_COLUMNS = (
    ("wg21 number", "number"),
    ("pl22.16", ""),  # the US body's number of older papers: not kept
    ("number", "number"),
    ("title", "title"),
    ("author", "author"),
    ("document date", "date"),
    ("mailing date", "mailing date"),
    ("date", "date"),
    ("previous", "previous"),
    ("subgroup", "subgroup"),
    ("group", "subgroup"),
    ("disposition", "disposition"),
)
_LAYOUTS = {
    8: (
        "number",
        "title",
        "author",
        "date",
        "mailing date",
        "previous",
        "subgroup",
        "disposition",
    ),
    5: ("number", "title", "author", "date", "subgroup"),
}


def _read_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", "replace"), error.end


codecs.register_error("trackers.wg21.cp1252", _read_as_cp1252)


def read_mailing_page(path: Path, since: str | None = None) -> Iterator[WG21Seen | SourceProblem]:
    """Every mailing and every paper of the page at ``path``; a problem for each row that
    cannot be read. ``since`` is not used: a saved page is read whole."""
    where = path_text(path)
    try:
        file = open_regular(path)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    page = _Page(where)
    parser = PageParser()
    with file:
        try:
            first = file.read(CHUNK)
            if b"\x00" in first and not first.startswith(
                (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            ):
                yield SourceProblem(
                    where, "", "not an HTML page but a binary file (it holds NUL bytes)"
                )
                return
            decoder = codecs.getincrementaldecoder(_encoding(first))("trackers.wg21.cp1252")
            chunk = first
            while chunk:
                parser.feed(decoder.decode(chunk))
                yield from page.read(parser)
                chunk = file.read(CHUNK)
            parser.feed(decoder.decode(b"", final=True))
        except OSError as error:
            yield SourceProblem(where, "", f"cannot read: {error.strerror or error}")
            return
    parser.close()
    yield from page.read(parser)
    if not page.found:
        yield SourceProblem(where, "", _NOT_A_PAGE)


def _encoding(start: bytes) -> str:
    """The page's encoding: its byte order mark's, its declared charset, else UTF-8."""
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _CHARSET.search(start[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            return "utf-8"
        # Browsers read a page declared Latin-1 as Windows-1252, which it almost always is.
        return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
    return "utf-8"


class _Page:
    """What the items of one page stand for, read in page order."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.found = False
        self.mailings: set[str] = set()
        self.columns: dict[int, tuple[str, ...]] = {}  # each table's, from its header row

    def read(self, parser: PageParser) -> Iterator[WG21Seen | SourceProblem]:
        for item in parser.items():
            if isinstance(item, MailingNamed):
                self.found = True
                self.mailings.add(item.mailing_id)
                yield Mailing(item.mailing_id, item.title)
            else:
                yield from self._row(item, parser.base)

    def _row(self, row: Row, base: str) -> Iterator[WG21Seen | SourceProblem]:
        if row.table not in self.columns and _is_header(row.cells):
            self.columns[row.table] = tuple(_column(cell.text) for cell in row.cells)
            self.found = self.found or "number" in self.columns[row.table]
            return
        if all(cell.header for cell in row.cells):
            return  # a caption or a second header row
        position = f"line {row.line}"
        columns = self.columns.get(row.table) or _LAYOUTS.get(len(row.cells))
        if columns is not None and "number" not in columns:
            return  # a table of something else: the index's table of years, say
        if columns is None:
            if any(cell.text.strip() or cell.links for cell in row.cells):
                yield SourceProblem(
                    self.where,
                    position,
                    f"a row of {len(row.cells)} cells in a table with no header row:"
                    " its columns cannot be told",
                )
            return
        cells = {name: cell for name, cell in zip(columns, row.cells, strict=False) if name}
        number = cells.get("number", Cell("", (), False))
        document_id = _document_id(number)
        if document_id is None:
            if any(cell.text.strip() for cell in row.cells) and not _links_mailings(row):
                yield SourceProblem(self.where, position, "no WG21 document id in its number")
            return
        self.found = True
        mailing = row.mailing_id or _month(_text(cells, "mailing date"))
        if mailing and mailing not in self.mailings:
            self.mailings.add(mailing)
            yield Mailing(mailing)
        folder = base or (f"{_SITE}{mailing[:4]}/" if mailing else "")
        files = _files(number.links, folder)
        main = [url for url in files if _names(url, document_id)]
        previous = _text(cells, "previous")
        previous_id = _document_id(Cell(previous, (), False))
        described = Described(
            id=document_id,
            title=_text(cells, "title"),
            author_text=_text(cells, "author"),
            date_text=_text(cells, "date"),
            subgroup=_text(cells, "subgroup"),
            url=(main or files or [""])[0],
            files=tuple(files),
            mailing=mailing,
            previous_version=previous_id.document_id if previous_id else one_line(previous),
            disposition=_text(cells, "disposition"),
        )
        yield from records_of(described, self.where, position)


def _is_header(cells: tuple[Cell, ...]) -> bool:
    if all(cell.header for cell in cells):
        return True
    return sum(bool(_column(cell.text)) for cell in cells) >= 2 and not any(
        cell.links for cell in cells
    )


def _column(text: str) -> str:
    heading = " ".join(text.split()).lower()
    for words, column in _COLUMNS:
        if heading.startswith(words) or heading.endswith(words):
            return column
    return ""


def _text(cells: dict[str, Cell], name: str) -> str:
    cell = cells.get(name)
    return cell.text if cell is not None else ""


def _document_id(cell: Cell) -> DocumentId | None:
    """The id a number cell gives: in its text, else in the name of a file it links."""
    for token in _ID_IN_TEXT.findall(cell.text):
        found = parse_document_id(token)
        if found is not None:
            return found
    for link in cell.links:
        found = id_in_file_name(urlsplit(link).path.rsplit("/", 1)[-1])
        if found is not None:
            return found
    return None


def _files(links: tuple[str, ...], folder: str) -> list[str]:
    """The links of a number cell as absolute URLs, in order, each once; links to a place in
    the page or to an address are none of the paper's files."""
    files: list[str] = []
    for link in links:
        href = one_line(link)
        if not href or href.startswith("#") or href.lower().startswith(("mailto:", "javascript:")):
            continue
        url = urljoin(folder, href) if folder else href
        if url not in files:
            files.append(url)
    return files


def _names(url: str, document_id: DocumentId) -> bool:
    named = id_in_file_name(urlsplit(url).path.rsplit("/", 1)[-1])
    return named is not None and named.document_id == document_id.document_id


def _month(text: str) -> str:
    found = _MONTH.search(text)
    return f"{found.group(1)}-{found.group(2)}" if found else ""


def _links_mailings(row: Row) -> bool:
    return any("#mailing" in link.lower() for cell in row.cells for link in cell.links)
