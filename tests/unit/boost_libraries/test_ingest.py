"""The Boost libraries ingest on the memory adapters: no database, no Django."""

from collections import Counter
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.ingest.collection import collect
from core.protocols.claims import BoostAuthorClaim
from core.protocols.ingest import Outcome
from core.protocols.refs import BoostAuthorRef, ProfileKind, ProfileRef
from tests.support.boost_repos import Mirror
from tests.unit.boost_libraries.sample import build_sample
from tests.unit.boost_libraries.strategies import items
from trackers.boost_libraries.ingest import BOOST_LIBRARIES, HEADERS, LIBRARY_VERSIONS
from trackers.boost_libraries.records import BoostSeen, LibraryVersion
from trackers.boost_libraries.sources.super_project import read_boost_libraries

(SOURCE,) = BOOST_LIBRARIES.sources
batches = st.lists(items, max_size=20)


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def counted(summary: Any) -> Counter[Outcome]:
    total: Counter[Outcome] = Counter()
    for record_type in BOOST_LIBRARIES.record_types:
        total.update(summary.counts.get(record_type.name, Counter()))
    return total


def profile(hub: IdentityHub, ref: ProfileRef) -> tuple[str, str]:
    snapshot = hub.get(ref)
    assert snapshot is not None
    return snapshot.record.display_name, snapshot.primary_email or ""


def named(uow: MemoryUnitOfWork, hub: IdentityHub) -> dict[object, object]:
    """The stored records, people by name and address: profile ids depend on who came first."""

    def people(refs: tuple[ProfileRef, ...]) -> tuple[tuple[str, str], ...]:
        return tuple(profile(hub, ref) for ref in refs)

    return {
        key: attrs.evolve(
            record, authors=people(record.authors), maintainers=people(record.maintainers)
        )
        if isinstance(record, LibraryVersion)
        else record
        for key, record in uow.state.items()
    }


@given(batches, st.integers(min_value=1, max_value=7))
def test_ingesting_the_same_records_twice_changes_nothing(
    seen: list[BoostSeen], batch_size: int
) -> None:
    # given records ingested once
    uow, hub = fresh()
    ingest(BOOST_LIBRARIES, seen, uow, hub, origin="boost", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    # when they are ingested again
    again = ingest(BOOST_LIBRARIES, seen, uow, hub, origin="boost", batch_size=batch_size)

    # then nothing changes and every item is unchanged
    assert uow.state == stored
    assert hub.count_profiles() == profiles
    counts = counted(again)
    assert counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0
    assert counts[Outcome.UNCHANGED] == len(seen)


@given(batches, batches)
def test_a_later_ingest_never_erases_a_known_value(
    first: list[BoostSeen], second: list[BoostSeen]
) -> None:
    uow, hub = fresh()
    ingest(BOOST_LIBRARIES, first, uow, hub, origin="a")
    before = dict(uow.state)

    ingest(BOOST_LIBRARIES, second, uow, hub, origin="b")

    for key, old in before.items():
        new = uow.state[key]
        for field in attrs.fields(cast(Any, type(old))):
            if getattr(old, field.name) not in (None, "", ()):
                assert getattr(new, field.name) not in (None, "", ())


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Mirror:
    return build_sample(tmp_path_factory.mktemp("boostorg"))


@pytest.fixture(scope="module")
def sample_items(sample: Mirror) -> list[object]:
    return list(read_boost_libraries(sample.boost.path))


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=60), batch_size=st.integers(min_value=1, max_value=9))
def test_an_interrupted_read_then_a_whole_one_ends_as_one_clean_read(
    sample_items: list[object], cut: int, batch_size: int
) -> None:
    # given a clean read of the sample
    clean_uow, clean_hub = fresh()
    ingest(BOOST_LIBRARIES, sample_items, clean_uow, clean_hub, origin="boost")

    # when a read stopped after ``cut`` items, and a whole one followed
    uow, hub = fresh()
    ingest(BOOST_LIBRARIES, sample_items[:cut], uow, hub, origin="boost", batch_size=batch_size)
    ingest(BOOST_LIBRARIES, sample_items, uow, hub, origin="boost", batch_size=batch_size)

    # then the store holds the same records, by the same people
    assert named(uow, hub) == named(clean_uow, clean_hub)


def test_collecting_twice_reads_nothing_again(sample: Mirror) -> None:
    uow, hub = fresh()
    first = collect(BOOST_LIBRARIES, SOURCE, [sample.boost.path], uow, hub)

    second = collect(BOOST_LIBRARIES, SOURCE, [sample.boost.path], uow, hub)

    assert first.problems == [] and first.files_read == 1
    assert second.already_read == [str(sample.boost.path)] and second.files_read == 0


def test_a_collect_after_a_new_release_ends_as_one_clean_collect_of_every_release(
    tmp_path: Path,
) -> None:
    # given the sample collected, then a release 1.87.0 with a new json
    mirror = build_sample(tmp_path / "boostorg")
    uow, hub = fresh()
    collect(BOOST_LIBRARIES, SOURCE, [mirror.boost.path], uow, hub)
    json_1_87 = mirror.module("json", {"include/boost/json.hpp": "#include <boost/assert.hpp>\n"})
    commits = {name: repo.head or "" for name, repo in mirror.modules.items()}
    mirror.release("1.87.0", {**commits, "json": json_1_87})

    # when it is collected again, and into a fresh store in one go
    again = collect(BOOST_LIBRARIES, SOURCE, [mirror.boost.path], uow, hub)
    clean_uow, clean_hub = fresh()
    collect(BOOST_LIBRARIES, SOURCE, [mirror.boost.path], clean_uow, clean_hub)

    # then both hold the same records, and the second collect read two releases, not three
    assert again.problems == []
    assert named(uow, hub) == named(clean_uow, clean_hub)
    assert sum(again.counts["boost_libraries.version"].values()) == 2
    header = uow.records(HEADERS).get_many(["boost/json/value.hpp"])["boost/json/value.hpp"]
    assert (header.first_version, header.last_version) == ("1.85.0", "1.86.0")


def test_authors_are_boost_author_profiles_one_per_name_and_address(sample: Mirror) -> None:
    uow, hub = fresh()
    collect(BOOST_LIBRARIES, SOURCE, [sample.boost.path], uow, hub)

    stored = uow.records(LIBRARY_VERSIONS).get_many([("core", "1.86.0"), ("assert", "1.85.0")])
    core, assert_ = stored[("core", "1.86.0")], stored[("assert", "1.85.0")]
    assert all(isinstance(ref, BoostAuthorRef) for ref in core.authors + core.maintainers)
    assert profile(hub, core.maintainers[0]) == ("Peter Dimov", "pdimov@gmail.com")
    assert core.maintainers[0] == assert_.maintainers[0]  # one person, one profile
    # named without an address, the same name is another profile, for identity matching
    assert core.authors[0] != core.maintainers[0]
    assert hub.count_profiles()[ProfileKind.BOOST_AUTHOR] == 11


def test_a_person_the_hub_refuses_skips_that_library_version_only() -> None:
    uow, hub = fresh()
    good = LibraryVersion("asio", "1.86.0", authors=(BoostAuthorClaim("Chris Kohlhoff"),))
    bad = LibraryVersion("beast", "1.86.0", authors=(BoostAuthorClaim("x" * 300),))

    summary = ingest(BOOST_LIBRARIES, [good, bad], uow, hub, origin="boost")

    assert list(
        uow.records(LIBRARY_VERSIONS).get_many([("asio", "1.86.0"), ("beast", "1.86.0")])
    ) == [("asio", "1.86.0")]
    assert [p.position for p in summary.problems] == [
        "boost_libraries.library_version beast 1.86.0"
    ]
