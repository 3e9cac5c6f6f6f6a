"""What is the Boost usage tracker's own, on every adapter: memory, SQLite, PostgreSQL. What
its stores do as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime, timedelta

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols.claims import GitHubAccountClaim
from core.protocols.ingest import Outcome, SeenAll
from core.protocols.refs import GitHubAccountRef, GitHubRepositoryRef
from tests.contract.conftest import Backend
from trackers.boost_usage.ingest import BOOST_USAGE, PROJECTS, USAGES
from trackers.boost_usage.records import BoostUsageSeen, Project, Usage

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def scanned(
    key: str, headers: list[str], at: datetime, **project: object
) -> list[BoostUsageSeen | SeenAll]:
    """One complete scan of a project whose file ``src/main.cpp`` includes ``headers``."""
    usages = [Usage(key, "src/main.cpp", header, line, at) for line, header in enumerate(headers)]
    return [
        *usages,
        Project(key, name=key, changed_at=at, **project),  # type: ignore[arg-type]
        SeenAll(Usage, (key,), at),
    ]


def projects_of(start: int, n: int) -> list[BoostUsageSeen | SeenAll]:
    """``n`` projects of GitHub repositories, each with two usages."""
    items: list[BoostUsageSeen | SeenAll] = []
    for i in range(start, start + n):
        key = f"owner{i}/project{i}"
        items += scanned(
            key,
            ["boost/asio.hpp", f"boost/lib{i}.hpp"],
            T0,
            repository=GitHubRepositoryRef(key),
            owner=GitHubAccountClaim(login=f"Owner{i}"),
            boost_version="1.86.0",
        )
    return items


def test_a_project_and_its_usages_store_with_their_repository_and_owner_references(
    backend: Backend,
) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    summary = ingest(BOOST_USAGE, projects_of(0, 3), uow, hub, origin="scan")

    assert summary.counts[PROJECTS.name][Outcome.ADDED] == 3
    assert summary.counts[USAGES.name][Outcome.ADDED] == 6
    with uow:
        project = uow.records(PROJECTS).get_many(["owner1/project1"])["owner1/project1"]
    assert project.repository == GitHubRepositoryRef("owner1/project1")
    assert isinstance(project.owner, GitHubAccountRef)
    assert hub.get(project.owner) is not None
    assert (project.boost_version, project.changed_at) == ("1.86.0", T0)


def test_a_rescan_marks_what_disappeared_gone_and_deletes_nothing(backend: Backend) -> None:
    # given a project scanned with three usages
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    key = "local/webapp-1a2b3c4d"
    ingest(
        BOOST_USAGE,
        scanned(key, ["boost/a.hpp", "boost/b.hpp", "boost/c.hpp"], T0),
        uow,
        hub,
        origin="scan",
    )

    # when it is scanned again a day later with one of them, in small batches
    later = T0 + timedelta(days=1)
    summary = ingest(
        BOOST_USAGE, scanned(key, ["boost/b.hpp"], later), uow, hub, origin="scan", batch_size=1
    )

    # then the other two are kept, gone at the later scan, and the project is the later one
    with uow:
        store = uow.records(USAGES)
        usages = store.get_many(store.keys_where({"project": key}))
        project = uow.records(PROJECTS).get_many([key])[key]
    assert {u.header: u.gone_at for u in usages.values()} == {
        "boost/a.hpp": later,
        "boost/b.hpp": None,
        "boost/c.hpp": later,
    }
    assert project.changed_at == later
    assert summary.counts[USAGES.name][Outcome.UPDATED] == 2


def test_scanning_the_same_projects_twice_reports_everything_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = projects_of(0, 10)
    ingest(BOOST_USAGE, items, uow, hub, origin="scan")

    again = ingest(BOOST_USAGE, items, uow, hub, origin="scan")

    assert dict(again.counts[PROJECTS.name]) == {Outcome.UNCHANGED: 10}
    assert dict(again.counts[USAGES.name]) == {Outcome.UNCHANGED: 20}


def test_scanning_a_project_costs_the_same_queries_for_5_and_for_150_usages(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[BoostUsageSeen | SeenAll]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(BOOST_USAGE, items, uow, hub, origin="scan")
        return len(captured.captured_queries)

    def project(key: str, n: int, at: datetime) -> list[BoostUsageSeen | SeenAll]:
        return scanned(key, [f"boost/lib{i}.hpp" for i in range(n)], at, boost_version="1.86.0")

    # when a project of 5 usages and one of 150 are scanned, each in one batch: first added,
    # then scanned again a day later with their last usage gone (a sweep that marks it)
    later = T0 + timedelta(days=1)
    added = cost(project("small/p", 5, T0)), cost(project("large/p", 150, T0))
    rescanned = cost(project("small/p", 4, later)), cost(project("large/p", 149, later))

    # then the queries do not grow with the usages, nor with what the sweep marks gone
    assert added[0] == added[1]
    assert rescanned[0] == rescanned[1]


def test_ingesting_projects_costs_the_same_queries_for_5_and_for_150(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[BoostUsageSeen | SeenAll]) -> tuple[int, int]:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(BOOST_USAGE, items, uow, hub, origin="scan")
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("hub_" in sql for sql in queries)

    # given projects and their usages without their sweeps (one sweep per scanned folder)
    def records_only(start: int, n: int) -> list[BoostUsageSeen | SeenAll]:
        return [item for item in projects_of(start, n) if not isinstance(item, SeenAll)]

    # then a batch of 150 projects, each with its owner and repository, costs what 5 cost,
    # hub queries included (and some there are)
    small, large = cost(records_only(0, 5)), cost(records_only(5, 150))
    assert small == large
    assert small[1] > 0
