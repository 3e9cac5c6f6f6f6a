"""``identities apply-events``: every tracker applies the profile events it has not applied.

``merge-profiles`` and ``erase`` apply them at once, and each collect applies its tracker's
before reading; this is for the rest: a process that stopped between the hub's change and the
trackers' part, or a tracker installed since. Running it again changes nothing.
"""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import apply_profile_events
from adapters.django_orm.main.identities._shared import applied_lines, emit

NAME = "apply-events"
HELP = "apply the profile events (folds, erasures) the trackers have not applied yet"


def arguments(parser: CommandParser) -> None:
    del parser


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    applied = apply_profile_events(options["database"])
    rewritten, lines = applied_lines(applied)
    events = {done.tracker: done.events for done in applied if done.events}
    data = {"events": events, "rewritten": rewritten}
    head = (
        f"applied {sum(events.values())} event(s) across {len(events)} tracker(s)"
        if events
        else "every tracker is up to date"
    )
    emit(options, out, data, [head, *lines])
