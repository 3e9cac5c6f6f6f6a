"""The subcommands of ``trackerhub identities``, one module each.

A module here defines ``NAME`` (``"merge"``), ``HELP`` (one line), ``arguments(parser)`` adding
its own arguments, and ``run(options, out)`` doing the work through the hub's use cases
(``adapters.django_orm.main.bootstrap.identity_hub``) and writing to ``out``: one JSON object
when ``options["json"]``, else text for a person. Bad input raises Django's ``CommandError``
with one line. ``--json`` and ``--database`` are added to every subcommand by the command.
The command finds the modules itself: adding a subcommand adds a module and edits nothing else.
"""

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any, cast

import attrs
from django.core.management.base import CommandParser, OutputWrapper


@attrs.frozen
class Subcommand:
    name: str
    help: str
    arguments: Callable[[CommandParser], None]
    run: Callable[[dict[str, Any], OutputWrapper], None]


def subcommands() -> list[Subcommand]:
    found: list[Subcommand] = []
    for info in sorted(pkgutil.iter_modules(__path__, f"{__name__}."), key=lambda i: i.name):
        module: ModuleType = importlib.import_module(info.name)
        if not hasattr(module, "NAME"):
            continue  # a helper module shared by subcommands
        found.append(
            Subcommand(
                cast(str, module.NAME),
                cast(str, module.HELP),
                module.arguments,
                module.run,
            )
        )
    return found
