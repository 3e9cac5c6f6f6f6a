"""The ``trackerhub`` console script: Django's manage.py under the project's name."""

import os
import sys

from django.db import OperationalError
from django.utils.connection import ConnectionDoesNotExist

from adapters.django_orm.database_url import DatabaseURLError, database_settings


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")
    url = os.environ.get("DATABASE_URL")
    try:
        if url:
            database_settings(url)
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv if argv is not None else sys.argv)
    except DatabaseURLError as error:
        _usage_error(str(error))
    except ConnectionDoesNotExist:
        from django.conf import settings

        aliases = ", ".join(sorted(settings.DATABASES))
        _usage_error(f"no such database alias; the aliases are: {aliases} (--database)")
    except OperationalError as error:
        # Django's own commands (migrate, runserver's checks...) let it out as a traceback.
        from adapters.django_orm.main.errors import reachable, unreachable

        if reachable():
            raise
        print(f"error: {unreachable(error)}", file=sys.stderr)
        sys.exit(1)


def _usage_error(message: str) -> None:
    """One line, and the status argparse gives a command line it refuses."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)
