"""The database a ``DATABASE_URL`` names, or why it names none trackerhub can use."""

from typing import Any

import dj_database_url

DEFAULT_DATABASE_URL = "sqlite:///trackerhub.sqlite3"
ACCEPTED = "sqlite:///PATH (sqlite:////ABSOLUTE/PATH) or postgres://USER:PASSWORD@HOST:PORT/NAME"
_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


class DatabaseURLError(ValueError):
    """A DATABASE_URL that names no SQLite file or PostgreSQL database."""


def database_settings(url: str) -> dict[str, Any]:
    """Django's settings for the database at ``url``; DatabaseURLError saying what is accepted
    when it is not one."""
    try:
        settings: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except Exception:
        raise DatabaseURLError(
            f"DATABASE_URL {url!r} is not a database URL: use {ACCEPTED}"
        ) from None
    if settings.get("ENGINE") not in _ENGINES:
        raise DatabaseURLError(
            f"DATABASE_URL {url!r} names a database trackerhub does not store in: use {ACCEPTED}"
        )
    return settings
