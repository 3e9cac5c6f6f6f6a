"""The WG21 tracker's store cases: a paper, a document and a mailing, on every adapter."""

from datetime import date

from core.protocols.refs import WG21AuthorRef
from tests.contract.cases import StoreCase
from trackers.wg21.ingest import DOCUMENTS, MAILINGS, PAPERS
from trackers.wg21.records import Document, Mailing, Paper

OPEN_STD = "https://www.open-std.org/jtc1/sc22/wg21/docs/papers"

CASES = [
    StoreCase(
        PAPERS,
        full=Paper(
            paper_id="p2300",
            series="p",
            number=2300,
            kind="paper",
            github_url="https://github.com/cplusplus/papers/issues/1054",
        ),
        changed=Paper(
            paper_id="p2300",
            series="d",
            number=2301,
            kind="standing-document",
            github_url="https://github.com/cplusplus/papers/issues/1055",
        ),
        sparse=Paper(paper_id="n4950"),
    ),
    StoreCase(
        DOCUMENTS,
        full=Document(
            document_id="p2300r10",
            paper="p2300",
            revision=10,
            title="`std::execution` — ünïcødé 日本語 🚀",
            authors=(WG21AuthorRef(7), WG21AuthorRef(8), WG21AuthorRef(9)),
            author_text="Michał Dominiak, J. Daniel Garc\ufffda and Eric Niebler",
            document_date=date(2024, 6, 28),
            year=2024,
            mailing="2024-07",
            subgroup="LEWG Library Evoution, SG1",
            subgroups=("LEWG", "SG1"),
            previous_version="p2300r9",
            disposition="Adopted 2024-06",
            url=f"{OPEN_STD}/2024/p2300r10.html",
            files=(f"{OPEN_STD}/2024/p2300r10.html", f"{OPEN_STD}/2024/p2300r10.pdf"),
            issues=("cwg2345", "lwg4000"),
        ),
        changed=Document(
            document_id="p2300r10",
            paper="p2301",
            revision=11,
            title="std::execution, reworded",
            authors=(WG21AuthorRef(9), WG21AuthorRef(7), WG21AuthorRef(10)),
            author_text="Eric Niebler, Michał Dominiak, Lewis Baker",
            document_date=date(2024, 7, 1),
            year=2025,
            mailing="2024-10",
            subgroup="CWG Core",
            subgroups=("SG1", "CWG"),
            previous_version="p2300r8",
            disposition="",
            url=f"{OPEN_STD}/2024/p2300r10.pdf",
            files=(f"{OPEN_STD}/2024/p2300r10.pdf", "https://isocpp.org/files/papers/P2300R10.pdf"),
            issues=("lwg4000", "cwg2346"),
        ),
        sparse=Document(document_id="n4950", paper="n4950"),
    ),
    StoreCase(
        MAILINGS,
        full=Mailing(mailing_id="2025-02", title="2025-02 pre-Hagenberg mailing — Ö"),
        changed=Mailing(mailing_id="2025-02", title="2025-02 pre-Hagenberg mailing (late)"),
        sparse=Mailing(mailing_id="2024-07"),
    ),
]
