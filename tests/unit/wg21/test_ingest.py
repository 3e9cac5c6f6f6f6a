"""The WG21 ingest on the memory adapters: no database, no Django."""

from collections import Counter
from typing import Any, cast

import attrs
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols.claims import WG21AuthorClaim
from core.protocols.ingest import Outcome, SourceProblem
from core.protocols.refs import ProfileRef
from tests.unit.wg21.strategies import documents, items
from tests.unit.wg21.test_mailing_page import FIXTURES
from trackers.wg21.ingest import DOCUMENTS, MAILINGS, PAPERS, WG21
from trackers.wg21.records import Document, DocumentSeen, WG21Seen
from trackers.wg21.sources.mailing_page import read_mailing_page
from trackers.wg21.sources.wg21_index import read_wg21_index

batches = st.lists(items, max_size=20)
RECORD_TYPES = (PAPERS, DOCUMENTS, MAILINGS)


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def counted(summary: Any) -> Counter[Outcome]:
    total: Counter[Outcome] = Counter()
    for record_type in RECORD_TYPES:
        total.update(summary.counts.get(record_type.name, Counter()))
    return total


@given(batches, st.integers(min_value=1, max_value=7))
def test_ingesting_the_same_input_twice_changes_nothing(
    items: list[WG21Seen], batch_size: int
) -> None:
    # given the items ingested once
    uow, hub = fresh()
    ingest(WG21, items, uow, hub, origin="index.json", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    # when they are ingested again
    again = ingest(WG21, items, uow, hub, origin="index.json", batch_size=batch_size)

    # then nothing changes, no profile is added, and every item is unchanged
    assert uow.state == stored
    assert hub.count_profiles() == profiles
    counts = counted(again)
    assert counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0
    assert counts[Outcome.UNCHANGED] == len(items)


@given(batches, batches)
def test_a_later_ingest_never_loses_or_changes_a_known_value(
    first: list[WG21Seen], second: list[WG21Seen]
) -> None:
    # given what a first ingest stored
    uow, hub = fresh()
    ingest(WG21, first, uow, hub, origin="index.json")
    before = dict(uow.state)

    # when other items are ingested
    ingest(WG21, second, uow, hub, origin="2024.html")

    # then every value known before is still there, as it was
    for key, old in before.items():
        new = uow.state[key]
        for field in attrs.fields(cast(Any, type(old))):
            if getattr(old, field.name) not in (None, "", ()):
                assert getattr(new, field.name) == getattr(old, field.name)


@given(batches)
def test_every_item_is_counted_once_under_its_record_type(items: list[WG21Seen]) -> None:
    uow, hub = fresh()

    summary = ingest(WG21, items, uow, hub, origin="index.json", batch_size=3)

    for record_type in RECORD_TYPES:
        counts = summary.counts.get(record_type.name, Counter())
        assert sum(counts.values()) == sum(type(item) is record_type.record for item in items)
        stored = [key for key in uow.state if key[0] == record_type.name]
        assert counts[Outcome.ADDED] == len(stored)


# What a document says beyond its id (its paper and revision are read from it); each
# field's default is "not said".
SAID = [f for f in attrs.fields(Document) if f.name not in ("document_id", "paper", "revision")]


def told_in_part(truth: DocumentSeen, said: set[str]) -> DocumentSeen:
    """A sighting of ``truth`` that says only the fields in ``said``."""
    unsaid: dict[str, Any] = {f.name: f.default for f in SAID if f.name not in said}
    return attrs.evolve(truth, **unsaid)


names = st.sets(st.sampled_from([field.name for field in SAID]))


@given(documents(), names, names)
def test_two_sources_describing_one_document_converge_whatever_the_order(
    truth: DocumentSeen, said_by_a: set[str], said_by_b: set[str]
) -> None:
    # given two sightings of one document that agree wherever both say something
    a, b = told_in_part(truth, said_by_a), told_in_part(truth, said_by_b)

    # when they are ingested in one order, and in the other into another store
    results = []
    for order in ([a], [b]), ([b], [a]):
        uow, hub = fresh()
        for batch in order:
            ingest(WG21, batch, uow, hub, origin="x")
        results.append(uow.records(DOCUMENTS).get_many([truth.document_id]))

    # then both end with the same document
    assert results[0] == results[1]


def profile_name(hub: IdentityHub, ref: ProfileRef) -> str:
    snapshot = hub.get(ref)
    assert snapshot is not None
    return snapshot.record.display_name


def collect(*readers_and_paths: tuple[Any, str]) -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow, hub = fresh()
    for read, name in readers_and_paths:
        summary = ingest(WG21, read(FIXTURES / name), uow, hub, origin=name)
        assert summary.problems == []
    return uow, hub


def named(uow: MemoryUnitOfWork, hub: IdentityHub) -> dict[object, object]:
    """The stored records, each author by name: profile ids depend on who was met first."""
    return {
        key: attrs.evolve(record, authors=tuple(profile_name(hub, a) for a in record.authors))
        if isinstance(record, Document)
        else record
        for key, record in uow.state.items()
    }


def test_the_index_and_a_mailing_page_give_the_same_records_in_either_order() -> None:
    # given the index and the mailing page of the same 2025 papers
    index = (read_wg21_index, "index_2025.json")
    page = (read_mailing_page, "mailings_2025.html")

    # when they are collected in one order and in the other
    index_first, page_first = named(*collect(index, page)), named(*collect(page, index))

    # then the stores hold the same records, by the same people
    assert index_first == page_first
    assert len(index_first) == 5 + 5 + 2  # papers, documents, mailings


def test_a_document_described_by_both_sources_holds_what_each_alone_knew() -> None:
    uow, _ = collect(
        (read_wg21_index, "index_2025.json"), (read_mailing_page, "mailings_2025.html")
    )

    document = uow.records(DOCUMENTS).get_many(["p2996r10"])["p2996r10"]
    paper = uow.records(PAPERS).get_many(["p2996"])["p2996"]
    # from the page
    assert (document.mailing, document.previous_version, len(document.files)) == (
        "2025-02",
        "p2996r9",
        2,
    )
    # from the index
    assert document.issues == ("cwg2701",)
    assert (paper.kind, paper.github_url) == (
        "paper",
        "https://github.com/cplusplus/papers/issues/1634",
    )
    # from both, equal
    assert len(document.authors) == 7


def test_an_author_named_in_both_sources_is_one_profile() -> None:
    # given the index of three 2025 papers, collected
    uow, hub = fresh()
    ingest(WG21, read_wg21_index(FIXTURES / "index_2025.json"), uow, hub, origin="index")
    before = sum(hub.count_profiles().values())

    # when the mailing page naming the same authors, and P3500R0's three more, is collected
    ingest(WG21, read_mailing_page(FIXTURES / "mailings_2025.html"), uow, hub, origin="page")

    # then only the three people the index did not name are new profiles
    assert sum(hub.count_profiles().values()) == before + 3


def test_two_spellings_of_one_person_are_two_profiles_for_identity_matching() -> None:
    # given one document naming a person with an accent lost to U+FFFD and in ASCII
    uow, hub = fresh()
    seen = DocumentSeen(
        "p0542r0",
        "p0542",
        0,
        authors=(WG21AuthorClaim("J. Daniel Garc\ufffda"), WG21AuthorClaim("J. Daniel Garcia")),
    )

    ingest(WG21, [seen], uow, hub, origin="index")

    # then both stay, in order, each a profile with its name as written
    stored = uow.records(DOCUMENTS).get_many(["p0542r0"])["p0542r0"]
    assert len(stored.authors) == 2
    assert [profile_name(hub, ref) for ref in stored.authors] == [
        "J. Daniel Garc\ufffda",
        "J. Daniel Garcia",
    ]


def test_an_author_the_hub_refuses_skips_that_document_only() -> None:
    # given a batch where one author's name is too long to be a profile
    good = DocumentSeen("n1", "n1", authors=(WG21AuthorClaim("Ann"),))
    bad = DocumentSeen("n2", "n2", authors=(WG21AuthorClaim("x" * 300),))
    uow, hub = fresh()

    # when it is ingested
    summary = ingest(WG21, [good, bad], uow, hub, origin="index.json")

    # then the good document is stored and the bad one reported with where and why
    assert list(uow.records(DOCUMENTS).get_many(["n1", "n2"])) == ["n1"]
    assert summary.counts[DOCUMENTS.name][Outcome.SKIPPED] == 1
    assert [(p.position, "more than 255" in p.reason) for p in summary.problems] == [
        ("wg21.document n2", True)
    ]


def test_problems_from_the_readers_are_reported_and_only_those_at_a_position_count_as_skipped() -> (
    None
):
    uow, hub = fresh()
    problems = [
        SourceProblem("index.json", "entry 'p1'", "should be an object, not 'x'"),
        SourceProblem(
            "index.json", "entry 'n2'", "date 'x' is not a date: kept without a date", skipped=False
        ),
        SourceProblem("page.html", "", "not an open-std.org papers page"),
    ]

    summary = ingest(WG21, problems, uow, hub, origin="index.json")

    assert summary.problems == problems
    assert dict(summary.counts[WG21.unreadable]) == {Outcome.SKIPPED: 1}


def test_a_document_seen_twice_in_one_batch_is_stored_once_with_what_both_knew() -> None:
    bare = DocumentSeen("p2300r10", "p2300", 10, mailing="2024-07")
    full = DocumentSeen(
        "p2300r10",
        "p2300",
        10,
        title="`std::execution`",
        authors=(WG21AuthorClaim("Eric Niebler"),),
    )
    uow, hub = fresh()

    ingest(WG21, [bare, full], uow, hub, origin="a")

    stored = uow.records(DOCUMENTS).get_many(["p2300r10"])["p2300r10"]
    assert (stored.title, stored.mailing, len(stored.authors)) == ("`std::execution`", "2024-07", 1)
    assert isinstance(stored, Document)
