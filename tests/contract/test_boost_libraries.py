"""What is the Boost libraries tracker's own, on every adapter: memory, SQLite, PostgreSQL.
What its stores do as every record store does is in test_record_stores.py."""

from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols.claims import BoostAuthorClaim
from core.protocols.ingest import Outcome
from core.protocols.refs import BoostAuthorRef, GitHubRepositoryRef
from tests.contract.conftest import Backend
from tests.unit.boost_libraries.sample import build_sample
from trackers.boost_libraries.ingest import (
    BOOST_LIBRARIES,
    DEPENDENCY_CHANGES,
    LIBRARY_VERSIONS,
    MODULES,
)
from trackers.boost_libraries.records import (
    BoostSeen,
    Dependency,
    Header,
    LibraryVersionSeen,
    Module,
    Version,
)
from trackers.boost_libraries.sources.super_project import read_boost_libraries


@pytest.fixture(scope="module")
def sample_items(tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    mirror = build_sample(tmp_path_factory.mktemp("boostorg"))
    return list(read_boost_libraries(mirror.boost.path))


def test_the_sample_stores_its_modules_repositories_and_change_log_and_twice_is_unchanged(
    backend: Backend, sample_items: list[object]
) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    first = ingest(BOOST_LIBRARIES, sample_items, uow, hub, origin="boost.git")
    again = ingest(BOOST_LIBRARIES, sample_items, uow, hub, origin="boost.git")

    assert first.problems == []
    assert all(set(counts) == {Outcome.UNCHANGED} for counts in again.counts.values())
    with uow:
        json = uow.records(MODULES).get_many(["json"])["json"]
        changes = uow.records(DEPENDENCY_CHANGES).get_many(
            [("json", "assert", "1.86.0"), ("json", "core", "1.86.0")]
        )
        core = uow.records(LIBRARY_VERSIONS).get_many([("core", "1.86.0")])[("core", "1.86.0")]
    assert json.repository == GitHubRepositoryRef("boostorg/json")
    assert {key[1]: change.added for key, change in changes.items()} == {
        "assert": False,
        "core": True,
    }
    assert len(core.maintainers) == 3 and all(
        isinstance(r, BoostAuthorRef) for r in core.maintainers
    )


def releases_of(start: int, n: int) -> list[BoostSeen]:
    """``n`` releases, each with a library by two people of its own, a module, a header and
    a dependency."""
    items: list[BoostSeen] = []
    for i in range(start, start + n):
        version = f"1.{i}.0"
        items += [
            Version(version, f"boost-{version}", "a" * 40, None, 1_000_000 + i * 1_000),
            Module(f"m{i}", f"libs/m{i}", f"../m{i}.git", GitHubRepositoryRef(f"boostorg/m{i}")),
            LibraryVersionSeen(
                f"lib{i}",
                version,
                module=f"m{i}",
                categories=("IO", "Math"),
                authors=(BoostAuthorClaim(f"Author {i}", f"a{i}@example.com"),),
                maintainers=(BoostAuthorClaim(f"Maintainer {i}"),),
            ),
            Header(f"boost/m{i}.hpp", f"m{i}", version, version, 1_000_000 + i * 1_000),
            Dependency(f"m{i}", version, "config", "boost/config.hpp"),
        ]
    return items


def test_ingesting_a_batch_costs_the_same_queries_for_5_and_for_150_releases(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[BoostSeen]) -> tuple[int, int]:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(BOOST_LIBRARIES, items, uow, hub, origin="boost.git")
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("hub_" in sql for sql in queries)

    small = cost(releases_of(0, 5))
    large = cost(releases_of(5, 150))

    # then the batch costs the same, the people resolved in bulk (and some there are)
    assert small == large
    assert small[1] > 0


def test_an_author_and_a_maintainer_named_alike_in_two_releases_are_one_profile_each(
    backend: Backend, tmp_path: Path
) -> None:
    del tmp_path
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    peter = BoostAuthorClaim("Peter Dimov", "pdimov@gmail.com")
    items = [
        LibraryVersionSeen("core", "1.85.0", authors=(peter,)),
        LibraryVersionSeen("core", "1.86.0", maintainers=(peter, BoostAuthorClaim("Peter Dimov"))),
    ]

    ingest(BOOST_LIBRARIES, items, uow, hub, origin="boost.git")

    with uow:
        stored = uow.records(LIBRARY_VERSIONS).get_many([("core", "1.85.0"), ("core", "1.86.0")])
    [author] = stored[("core", "1.85.0")].authors
    maintainers = stored[("core", "1.86.0")].maintainers
    assert maintainers[0] == author and maintainers[1] != author
    snapshot = hub.get(author)
    assert snapshot is not None and snapshot.primary_email == "pdimov@gmail.com"
