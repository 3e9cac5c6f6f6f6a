"""Test settings: the project's settings with two databases.

``default`` is SQLite (in memory during tests); ``postgres`` is a real PostgreSQL server that
the test run starts itself (see tests/support/postgres_server.py), or the external server named
by the PG* environment variables. Tests choose the alias they run against.
"""

from adapters.django_orm.settings import *  # noqa: F403
from adapters.django_orm.settings import INSTALLED_APPS as PROJECT_APPS

# A legacy project with real foreign keys across its apps, for the decoupling toolkit's tests.
INSTALLED_APPS = [
    *PROJECT_APPS,
    "tests.legacy.people",
    "tests.legacy.activity",
    "tests.legacy.libraries",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
    },
    "postgres": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "trackerhub",
        # Filled in by the session fixture once the server is up.
        "HOST": "",
        "PORT": "",
        "USER": "",
        "PASSWORD": "",
        "CONN_MAX_AGE": 0,
        # Django makes every alias depend on "default" unless told otherwise; a session that
        # uses only this alias would then fail with a circular dependency.
        "TEST": {"DEPENDENCIES": []},
    },
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
