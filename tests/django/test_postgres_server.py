"""The test run reaches a real PostgreSQL server through the ``postgres`` alias."""

import subprocess
from pathlib import Path
from typing import NoReturn

import pytest
from django.db import connections

from tests.support.postgres_server import (
    PostgresParams,
    PostgresServerError,
    _Cluster,
    running_postgres,
)


@pytest.mark.postgres
@pytest.mark.django_db(databases=["postgres"])
def test_the_postgres_alias_reaches_a_real_postgresql_server() -> None:
    # Given the postgres alias of the test settings
    connection = connections["postgres"]

    # When a query asks the server for its version
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), current_setting('server_version_num')::int")
        version, version_num = cursor.fetchone()

    # Then the answer comes from PostgreSQL 15 or newer
    assert connection.vendor == "postgresql"
    assert version.startswith("PostgreSQL ")
    assert version_num >= 150000


@pytest.mark.postgres
@pytest.mark.django_db(databases=["postgres"])
def test_the_postgres_alias_uses_a_test_database_of_its_own() -> None:
    # Given the postgres alias of the test settings
    connection = connections["postgres"]

    # When a query asks which database it is connected to
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        (database,) = cursor.fetchone()

    # Then it is the test database Django created, not the configured one
    assert database.startswith("test_trackerhub")


def test_running_postgres_uses_the_external_server_when_pghost_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given the PG* variables name an external server
    monkeypatch.setenv("PGHOST", "db.example.test")
    monkeypatch.setenv("PGPORT", "6543")
    monkeypatch.setenv("PGUSER", "alice")
    monkeypatch.setenv("PGPASSWORD", "s3cret")
    monkeypatch.setenv("PGDATABASE", "tracker")
    # and starting any process would fail the test
    monkeypatch.setattr(subprocess, "run", _refuse_to_start_anything)
    monkeypatch.setattr(subprocess, "Popen", _refuse_to_start_anything)

    # When the server is asked for
    with running_postgres() as server:
        # Then its parameters are those of the external server
        assert server == PostgresParams(
            host="db.example.test", port=6543, user="alice", password="s3cret", dbname="tracker"
        )


def test_running_postgres_takes_libpq_defaults_for_pg_variables_that_are_not_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given only PGHOST is set
    monkeypatch.setenv("PGHOST", "/var/run/postgresql")
    for name in ("PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "carol")
    monkeypatch.setenv("LOGNAME", "carol")
    monkeypatch.setattr(subprocess, "run", _refuse_to_start_anything)
    monkeypatch.setattr(subprocess, "Popen", _refuse_to_start_anything)

    # When the server is asked for
    with running_postgres() as server:
        # Then the other parameters take libpq's defaults
        assert server == PostgresParams(
            host="/var/run/postgresql", port=5432, user="carol", password="", dbname="carol"
        )


def _refuse_to_start_anything(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError(f"running_postgres() started a process: {args!r}")


def failing(times: int) -> tuple[list[str], object]:
    """A stand-in for ``_Cluster._run`` that fails its first ``times`` calls."""
    calls: list[str] = []

    def run(self: _Cluster, what: str, command: object, *, timeout: int) -> None:
        calls.append(what)
        if len(calls) <= times:
            raise PostgresServerError(f"{what} failed ({len(calls)})")

    return calls, run


def test_an_initdb_that_fails_once_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, run = failing(1)
    monkeypatch.setattr(_Cluster, "_run", run)

    _Cluster(tmp_path, as_root=False).prepare()

    assert calls == ["initdb", "initdb, tried again,"]


def test_an_initdb_that_fails_twice_says_both_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, run = failing(2)
    monkeypatch.setattr(_Cluster, "_run", run)

    with pytest.raises(PostgresServerError) as raised:
        _Cluster(tmp_path, as_root=False).prepare()

    assert "initdb, tried again, failed (2)" in str(raised.value)
    assert "The first attempt:\ninitdb failed (1)" in str(raised.value)
