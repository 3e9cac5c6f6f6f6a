"""Session set-up: point the ``postgres`` alias at a running PostgreSQL server.

The server (see tests/support/postgres_server.py) is started only when a collected test needs
that alias: a test marked ``postgres``, or one whose ``django_db`` marker or ``TestCase`` class
asks for the ``postgres`` alias (or ``"__all__"``).
"""

import os
from collections.abc import Iterable, Iterator

import pytest
from django.conf import settings
from django.db import connections

from tests.support.postgres_server import PostgresParams, running_postgres

POSTGRES_ALIAS = "postgres"

# The subset-schema lanes run under their own settings, from tests/django/test_subset_schema.py.
collect_ignore = [] if os.environ.get("TRACKERHUB_SUBSET_LANE") else ["subset"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    request: pytest.FixtureRequest,
) -> Iterator[None]:
    """Override of pytest-django's fixture; runs before the test databases are created."""
    if not any(_needs_postgres(item) for item in request.session.items):
        yield
        return
    with running_postgres() as server:
        _point_postgres_alias_at(server)
        yield


def _needs_postgres(item: pytest.Item) -> bool:
    if item.get_closest_marker("postgres") is not None:
        return True
    django_db = item.get_closest_marker("django_db")
    if django_db is not None and _names_postgres(django_db.kwargs.get("databases")):
        return True
    return _names_postgres(getattr(getattr(item, "cls", None), "databases", None))


def _names_postgres(databases: Iterable[str] | str | None) -> bool:
    if databases is None:
        return False
    if isinstance(databases, str):
        return databases in ("__all__", POSTGRES_ALIAS)
    return POSTGRES_ALIAS in databases


def _point_postgres_alias_at(server: PostgresParams) -> None:
    database = settings.DATABASES[POSTGRES_ALIAS]
    database["HOST"] = server.host
    database["PORT"] = str(server.port)
    database["USER"] = server.user
    database["PASSWORD"] = server.password
    # The connection handler shares these dicts with its connections; copy them over in case an
    # existing connection was built from a copy.
    for connection in connections.all(initialized_only=True):
        if connection.alias == POSTGRES_ALIAS:
            connection.settings_dict.update(database)
