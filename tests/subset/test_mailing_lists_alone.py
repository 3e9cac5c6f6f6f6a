"""The mailing-list app alone: its migrations run and its ingest works with no hub tables.
Run by tests/django/test_subset_schema.py under tests.subset.settings_mailing_lists."""

import pytest
from django.apps import apps
from django.db import connections

from adapters.django_orm.mailing_lists.repository import DjangoMailingListUnitOfWork
from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols import MailingListSenderClaim
from core.protocols.ingest import Outcome
from trackers.mailing_lists.ingest import RECORD_TYPE, ingest_messages
from trackers.mailing_lists.records import MessageSeen

ALIASES = [
    pytest.param("default", marks=pytest.mark.django_db(databases=["default"]), id="sqlite"),
    pytest.param(
        "postgres",
        marks=[pytest.mark.django_db(databases=["postgres"]), pytest.mark.postgres],
        id="postgres",
    ),
]


def test_only_the_mailing_list_app_of_the_project_is_installed() -> None:
    project_apps = {c.label for c in apps.get_app_configs() if c.name.startswith("adapters.")}
    assert project_apps == {"mailing_lists"}


@pytest.mark.parametrize("alias", ALIASES)
def test_the_app_migrates_without_any_hub_table(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        tables = set(connections[alias].introspection.table_names(cursor))

    assert "mailing_lists_mailinglistmessage" in tables
    assert not {t for t in tables if t.startswith("hub_")}


@pytest.mark.parametrize("alias", ALIASES)
def test_messages_are_ingested_with_people_from_any_hub(alias: str) -> None:
    # given a hub that is not in this database at all
    hub = IdentityHub(MemoryUnitOfWork())
    tracker = DjangoMailingListUnitOfWork(alias)
    items = [
        MessageSeen(
            "boost",
            f"{i}@x",
            f"H{i}",
            "hi",
            None,
            MailingListSenderClaim("Ann"),
            None,
            "H0",
            "body",
        )
        for i in range(3)
    ]

    # when messages are ingested twice
    first = ingest_messages(items, tracker, hub, origin="a.mbox")
    second = ingest_messages(items, tracker, hub, origin="a.mbox")

    # then they are stored once, with soft references to the other store's profiles
    assert first.counts[RECORD_TYPE][Outcome.ADDED] == 3
    assert second.counts[RECORD_TYPE][Outcome.UNCHANGED] == 3
    with tracker:
        assert tracker.messages.count() == 3
