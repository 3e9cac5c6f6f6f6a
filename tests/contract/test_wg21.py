"""What is the WG21 tracker's own, on every adapter: memory, SQLite, PostgreSQL. What its
stores do as every record store does is in test_record_stores.py."""

from datetime import date

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import WG21AuthorClaim
from core.protocols.ingest import Outcome
from core.protocols.refs import WG21AuthorRef
from tests.contract.conftest import Backend
from trackers.wg21.ingest import DOCUMENTS, MAILINGS, PAPERS, WG21
from trackers.wg21.records import DocumentSeen, Mailing, Paper, WG21Seen


def revision(i: int, *authors: WG21AuthorClaim, **changes: object) -> DocumentSeen:
    values: dict[str, object] = {
        "document_id": f"p{3000 + i}r1",
        "paper": f"p{3000 + i}",
        "revision": 1,
        "title": f"Paper {i} — ünïcødé",
        "authors": authors,
        "author_text": ", ".join(author.display_name for author in authors),
        "document_date": date(2024, 1 + i % 12, 1 + i % 28),
        "year": 2024,
        "mailing": "2024-07",
        "subgroup": "SG1, LEWG",
        "subgroups": ("SG1", "LEWG"),
        "url": f"https://www.open-std.org/jtc1/sc22/wg21/docs/papers/2024/p{3000 + i}r1.pdf",
        "files": (f"https://www.open-std.org/jtc1/sc22/wg21/docs/papers/2024/p{3000 + i}r1.pdf",),
        "issues": (f"cwg{i}",),
    }
    values.update(changes)
    return DocumentSeen(**values)  # type: ignore[arg-type]


def papers_of(start: int, n: int) -> list[WG21Seen]:
    """``n`` papers, each with a document, and a mailing of their own."""
    month = f"{2000 + start // 12}-{start % 12 + 1:02d}"
    items: list[WG21Seen] = [Mailing(month, f"{month} mailing")]
    for i in range(start, start + n):
        items.append(Paper(f"p{3000 + i}", "p", 3000 + i, "paper"))
        items.append(
            revision(
                i,
                WG21AuthorClaim(f"Author {i}", f"a{i}@example.org"),
                WG21AuthorClaim(f"Co-author {i}"),
            )
        )
    return items


def test_ingest_stores_documents_with_their_authors_as_wg21_profiles_in_order(
    backend: Backend,
) -> None:
    # given two documents sharing an author, who is named differently in a third
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    eric, bjarne = WG21AuthorClaim("Eric Niebler"), WG21AuthorClaim("Bjarne Stroustrup")
    items = [
        revision(1, eric, bjarne),
        revision(2, bjarne),
        revision(3, WG21AuthorClaim("B. Stroustrup")),
    ]

    # when they are ingested in one unit of work with the hub
    summary = ingest(WG21, items, uow, hub, origin="index.json")

    # then each author is a WG21 profile, shared where the name is the same, in order
    assert summary.counts[DOCUMENTS.name][Outcome.ADDED] == 3
    with uow:
        stored = uow.records(DOCUMENTS).get_many(["p3001r1", "p3002r1", "p3003r1"])
    first, second, third = (stored[f"p300{i}r1"].authors for i in (1, 2, 3))
    assert all(isinstance(ref, WG21AuthorRef) for ref in first + second + third)
    assert len(first) == 2 and second == (first[1],)
    assert third[0] not in first  # an initial is another spelling: identity matching links it
    snapshot = hub.get(first[0])
    assert snapshot is not None and snapshot.record.display_name == "Eric Niebler"


def test_an_author_s_email_is_kept_on_the_profile(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    ingest(
        WG21,
        [revision(1, WG21AuthorClaim("Richard Smith", "richard@example.com"))],
        uow,
        hub,
        origin="x",
    )

    with uow:
        [ref] = uow.records(DOCUMENTS).get_many(["p3001r1"])["p3001r1"].authors
    snapshot = hub.get(ref)
    assert snapshot is not None and snapshot.primary_email == "richard@example.com"


def test_ingesting_twice_reports_everything_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = papers_of(0, 10)
    ingest(WG21, items, uow, hub, origin="index.json")

    again = ingest(WG21, items, uow, hub, origin="index.json")

    assert dict(again.counts[DOCUMENTS.name]) == {Outcome.UNCHANGED: 10}
    assert dict(again.counts[PAPERS.name]) == {Outcome.UNCHANGED: 10}
    assert dict(again.counts[MAILINGS.name]) == {Outcome.UNCHANGED: 1}


def test_a_document_seen_in_the_other_source_fills_in_what_was_unknown(backend: Backend) -> None:
    # given a document as the index gives it: no mailing, no files
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    author = WG21AuthorClaim("Ann Author")
    ingest(
        WG21, [revision(1, author, mailing="", files=(), disposition="")], uow, hub, origin="index"
    )

    # when a mailing page gives it with those, and a title of its own
    page = revision(1, author, title="Another title", disposition="Adopted", issues=())
    summary = ingest(WG21, [page], uow, hub, origin="page")

    # then what was unknown is filled in and what was known stays
    assert dict(summary.counts[DOCUMENTS.name]) == {Outcome.UPDATED: 1}
    with uow:
        stored = uow.records(DOCUMENTS).get_many(["p3001r1"])["p3001r1"]
    assert (stored.mailing, stored.disposition, len(stored.files)) == ("2024-07", "Adopted", 1)
    assert (stored.title, stored.issues) == ("Paper 1 — ünïcødé", ("cwg1",))


def test_ingesting_a_batch_costs_the_same_queries_for_5_and_for_150_papers(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[WG21Seen]) -> tuple[int, int]:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(WG21, items, uow, hub, origin="index.json")
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("hub_" in sql for sql in queries)

    small = cost(papers_of(0, 5))
    large = cost(papers_of(5, 150))

    # then the batch costs the same, hub queries included (and some there are)
    assert small == large
    assert small[1] > 0
