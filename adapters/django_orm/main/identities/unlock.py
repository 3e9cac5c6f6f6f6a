"""``identities unlock ID``: let automatic jobs change an identity again."""

from typing import Any

from django.core.management.base import OutputWrapper

from adapters.django_orm.main.identities._locking import arguments, set_locked

NAME = "unlock"
HELP = "let automatic jobs change an identity again"
__all__ = ["HELP", "NAME", "arguments", "run"]


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    set_locked(options, out, locked=False)
