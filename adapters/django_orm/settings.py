"""Settings of the trackerhub Django project.

The database comes from ``DATABASE_URL``; without it, ``trackerhub.sqlite3`` in the
current directory, so a fresh checkout runs with no setup at all.
"""

import os
import secrets
from pathlib import Path

import django_stubs_ext

from adapters.django_orm.database_url import DEFAULT_DATABASE_URL, database_settings

# Lets ``ModelAdmin[Model]`` and friends be subscripted at run time, as the stubs expect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent

DEBUG = os.environ.get("TRACKERHUB_DEBUG", "") == "1"
# The key signs the admin's sessions. Serving the admin (runserver, the WSGI and ASGI entry
# points) outside DEBUG refuses to start without TRACKERHUB_SECRET_KEY (serving.py);
# commands that serve nothing run with a key of their own process, which signs nothing kept.
SECRET_KEY = os.environ.get("TRACKERHUB_SECRET_KEY") or (
    "trackerhub-local-development-only" if DEBUG else secrets.token_urlsafe(50)
)
# The key of the hashes the hub keeps of erased and folded profiles (core.identity.erasure).
# Without one the database makes its own; given one, the hashes in a copy of the database
# cannot be tested against guesses (an address) by someone who does not also hold the key.
TRACKERHUB_ERASURE_KEY = os.environ.get("TRACKERHUB_ERASURE_KEY", "")
ALLOWED_HOSTS = os.environ.get("TRACKERHUB_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    # First, so that its runserver (static files through WhiteNoise, as in production, and a
    # secret key required outside DEBUG) replaces staticfiles' one.
    "adapters.django_orm.main",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "adapters.django_orm.hub",
    # The trackers: each app registers its tracker, its sources and its stores.
    "adapters.django_orm.mailing_lists",
    "adapters.django_orm.github",
    "adapters.django_orm.slack",
    "adapters.django_orm.discord",
    "adapters.django_orm.wg21",
    "adapters.django_orm.youtube",
    "adapters.django_orm.reddit",
    "adapters.django_orm.boost_libraries",
    "adapters.django_orm.boost_usage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "adapters.django_orm.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)}
# SQLite, for several collects into one file: readers never wait for a writer (WAL), a second
# writer waits for the first instead of failing at once (the timeout), and takes the write lock
# when its transaction begins (IMMEDIATE), so that two writers never deadlock upgrading a
# read lock. synchronous=NORMAL is durable in WAL mode but for the last commits on power loss.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": 60,
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
STATIC_URL = "static/"
# The admin's styles and scripts, served by WhiteNoise from the installed apps themselves: no
# collectstatic step, and nothing to write beside an installed package.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
