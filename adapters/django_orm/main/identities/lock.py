"""``identities lock ID``: keep automatic jobs from changing an identity; users still may."""

from typing import Any

from django.core.management.base import OutputWrapper

from adapters.django_orm.main.identities._locking import arguments, set_locked

NAME = "lock"
HELP = "keep automatic jobs from changing an identity; users still may"
__all__ = ["HELP", "NAME", "arguments", "run"]


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    set_locked(options, out, locked=True)
