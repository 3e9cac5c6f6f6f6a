"""A database that cannot be read, as the one line a command prints.

A read that fails before anything is written nearly always means the database was never
migrated (or was migrated by an older trackerhub), unless it cannot be reached at all (a
PostgreSQL server down, a wrong port): the error says which, and names the first line of what
the database said, instead of a traceback.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DatabaseError, connections


@contextmanager
def migrated_database(using: str = "default") -> Iterator[None]:
    """Turns a DatabaseError raised inside into a one-line CommandError: that the database
    cannot be reached, or else that it wants migrating."""
    try:
        yield
    except DatabaseError as error:
        first = str(error).strip().partition("\n")[0] or type(error).__name__
        try:
            connections[using].ensure_connection()
        except DatabaseError:
            raise CommandError(f"cannot connect to the database ({first})") from None
        raise CommandError(
            f"cannot read the database ({first}); run `trackerhub migrate` first"
        ) from None
