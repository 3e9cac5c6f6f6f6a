"""What the WG21 tracker stores and how: papers, documents and mailings, for the kit's engine.

A published document does not change: a new revision is a new document, with an id of its
own. Two sources describe it, the wg21.link index and the mailing pages, and each knows
something the other does not (the index a paper's kind, its GitHub issue and its issues; a
page its mailing, its files, its previous version and its disposition), while both give the
title, authors, date and subgroup, read and cleaned alike. So every record type fills gaps:
a stored value stays, a sighting adds only what was unknown, and collecting both sources in
either order, any number of times, ends with the same records. Where the two really differ
(a title corrected in one), the value collected first stays, and no later collect flips it.

Erasure: an author erased on request leaves the documents in place without them, and the
author text as the source wrote it (which names them) emptied.
"""

from core.protocols.refs import WG21AuthorRef
from core.protocols.trackers import FillGaps, RecordType, Redact, Source, Tracker
from trackers.wg21.records import Document, Mailing, Paper
from trackers.wg21.sources.mailing_page import read_mailing_page
from trackers.wg21.sources.wg21_index import read_wg21_index

PAPERS = RecordType[Paper, str]("wg21.paper", Paper, ("paper_id",), FillGaps())
DOCUMENTS = RecordType[Document[WG21AuthorRef], str](
    "wg21.document",
    Document,
    ("document_id",),
    FillGaps(),
    erased=Redact(("author_text",), by=("authors",)),
)
MAILINGS = RecordType[Mailing, str]("wg21.mailing", Mailing, ("mailing_id",), FillGaps())

WG21 = Tracker(
    "wg21",
    record_types=(PAPERS, DOCUMENTS, MAILINGS),
    unreadable="wg21.item",
    sources=(
        Source(
            "wg21-index",
            "the wg21.link paper index (index.json); files or folders of .json files",
            read_wg21_index,
            suffixes=(".json",),
        ),
        Source(
            "wg21-mailing",
            "saved open-std.org papers pages (the papers index and each year's mailings);"
            " files or folders of .html files",
            read_mailing_page,
            suffixes=(".html", ".htm"),
        ),
    ),
)
