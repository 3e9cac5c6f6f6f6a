"""Only the GitHub app installed: no hub, no admin. Its migrations must run and its tests pass
on their own."""

from tests.settings import DATABASES, DEFAULT_AUTO_FIELD, SECRET_KEY, USE_TZ  # noqa: F401

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "adapters.django_orm.github",
]
