from typing import Any

from django.contrib.staticfiles.management.commands.runserver import Command as RunServer
from django.core.management.base import CommandError

from adapters.django_orm.serving import secret_key_problem


class Command(RunServer):
    """Django's runserver, which refuses to serve the admin outside DEBUG without a secret
    key, and leaves static files to WhiteNoise, as a production server does."""

    def handle(self, *args: Any, **options: Any) -> None:
        problem = secret_key_problem()
        if problem is not None:
            raise CommandError(problem)
        options["use_static_handler"] = False
        super().handle(*args, **options)
