"""The ASGI entry point, for a real server: ``uvicorn adapters.django_orm.asgi:application``."""

import os
import sys

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")

application = get_asgi_application()

from adapters.django_orm.serving import secret_key_problem  # noqa: E402 - needs the settings

if (problem := secret_key_problem()) is not None:
    print(f"error: {problem}", file=sys.stderr)
    raise SystemExit(2)
