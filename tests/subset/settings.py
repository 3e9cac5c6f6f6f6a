"""One tracker's app installed alone: no hub, no admin, no other tracker. The app is named by
TRACKERHUB_SUBSET_LANE (its module, e.g. ``adapters.django_orm.github``); its migrations must
run and its tests pass on their own."""

import os

from tests.settings import DATABASES, DEFAULT_AUTO_FIELD, SECRET_KEY, USE_TZ  # noqa: F401

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    os.environ["TRACKERHUB_SUBSET_LANE"],
]
