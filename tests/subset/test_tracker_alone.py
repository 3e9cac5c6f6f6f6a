"""One tracker's app alone: its migrations run, its stores work and its samples are ingested
with no hub table and no other tracker installed. Run for every installed tracker by
tests/django/test_subset_schema.py, under tests.subset.settings."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

from adapters.django_orm.trackers import TrackerAppConfig, tracker_apps
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import IngestSummary, ingest
from core.protocols.ingest import Outcome
from core.sources.files import files_under
from tests.contract.cases import StoreCase, discover
from tests.support.databases import both_databases

ALIASES = both_databases()


def the_tracker_app() -> TrackerAppConfig:
    [app] = tracker_apps()
    return app


def cases() -> list[StoreCase]:
    names = {record_type.name for record_type in the_tracker_app().tracker.record_types}
    return [case for case in discover() if case.name in names]


def test_only_this_tracker_app_of_the_project_is_installed() -> None:
    project_apps = {c.label for c in apps.get_app_configs() if c.name.startswith("adapters.")}
    assert project_apps == {the_tracker_app().label}


@pytest.mark.parametrize("alias", ALIASES)
def test_the_app_migrates_its_tables_without_any_hub_table(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        tables = set(connections[alias].introspection.table_names(cursor))

    assert tables >= {model._meta.db_table for model in the_tracker_app().get_models()}
    assert not {t for t in tables if t.startswith("hub_")}


@pytest.mark.parametrize("alias", ALIASES)
def test_every_record_type_stores_references_to_profiles_that_exist_nowhere(alias: str) -> None:
    # given a record of every type, whose people are profile ids no table here holds
    uow = DjangoUnitOfWork(alias)
    assert cases()

    # when they are stored and committed
    with uow:
        for case in cases():
            uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # then they read back with their references intact
    with uow:
        for case in cases():
            found = uow.records(case.record_type).get_many([case.key_of(case.full)])
            assert found == {case.key_of(case.full): case.full}


@pytest.mark.parametrize("alias", ALIASES)
def test_its_samples_are_ingested_twice_with_people_from_another_hub(
    alias: str, tmp_path: Path
) -> None:
    # given a hub that is not in this database at all
    hub = IdentityHub(MemoryUnitOfWork())
    uow = DjangoUnitOfWork(alias)
    app = the_tracker_app()
    samples = app.samples(tmp_path)
    assert samples

    def ingest_samples() -> IngestSummary:
        summary = IngestSummary()
        for source, paths in samples:
            files = paths if source.suffixes is None else files_under(paths, source.suffixes)
            for path in files:
                assert isinstance(path, Path), path
                items = source.read(path, None)
                ingest(app.tracker, items, uow, hub, origin=str(path), summary=summary)
        assert summary.problems == []
        return summary

    # when the samples are ingested twice
    first = ingest_samples()
    second = ingest_samples()

    # then they are stored once, the second time found unchanged, people in the other hub
    assert sum(counts[Outcome.ADDED] for counts in first.counts.values()) > 0
    assert all(
        counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0 for counts in second.counts.values()
    )
    assert sum(hub.count_profiles().values()) > 0
