"""Errors as the one line a command or the admin prints, never a traceback.

A database read that fails before anything is written nearly always means the database was
never migrated (or was migrated by an older trackerhub), unless it cannot be reached at all
(a PostgreSQL server down, a wrong port): the error says which, and names the first line of
what the database said.
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
        if not reachable(using):
            raise CommandError(unreachable(error)) from None
        raise CommandError(
            f"cannot read the database ({first_line(error)}); run `trackerhub migrate` first"
        ) from None


def reachable(using: str = "default") -> bool:
    """Whether a connection to the database can be made."""
    try:
        connections[using].ensure_connection()
    except DatabaseError:
        return False
    return True


def unreachable(error: DatabaseError) -> str:
    return f"cannot connect to the database ({first_line(error)})"


def first_line(error: Exception) -> str:
    """An error's message in one line: its first, else the error's kind."""
    return str(error).strip().partition("\n")[0] or type(error).__name__
