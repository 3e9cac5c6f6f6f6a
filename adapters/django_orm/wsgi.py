"""The WSGI entry point, for a real server: ``gunicorn adapters.django_orm.wsgi``."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")

application = get_wsgi_application()

from adapters.django_orm.serving import secret_key_problem  # noqa: E402 - needs the settings

if (problem := secret_key_problem()) is not None:
    print(f"error: {problem}", file=sys.stderr)
    raise SystemExit(2)
