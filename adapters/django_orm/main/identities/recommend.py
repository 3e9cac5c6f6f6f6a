"""``identities recommend``: run the recommendation rules over the profiles changed since the
last run (every profile after the user's exclusions changed), with the built-in exclusions
extended by the user's (``identities exclusions``), and optionally accept the conclusive
ones."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.identities._shared import emit, hub_errors
from adapters.django_orm.main.identities.exclusions import reviewer

NAME = "recommend"
HELP = "find profiles that may be one person (only those changed since the last run)"


def arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--apply-conclusive",
        action="store_true",
        help='accept conclusive recommendations, as the job "recommend"',
    )
    parser.add_argument(
        "--full", action="store_true", help="look at every profile again, not only changed ones"
    )


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    review = reviewer(options["database"])
    with hub_errors():
        report = review.recommend(
            apply_conclusive=options["apply_conclusive"], full=options["full"]
        )
    data = {
        "changed_profiles": report.changed,
        "opened": report.opened,
        "refreshed": report.refreshed,
        "closed": report.closed,
        "applied": list(report.applied),
        "refused": [{"id": i, "error": e} for i, e in report.refused],
        "open": review.count_open(),
    }
    lines = [
        f"{report.changed} changed profile(s): {report.opened} recommendation(s) opened,"
        f" {report.refreshed} refreshed, {report.closed} closed; {data['open']} open"
    ]
    if options["apply_conclusive"]:
        lines.append(f"{len(report.applied)} conclusive recommendation(s) accepted")
        lines.extend(f"  #{i} left open: {e}" for i, e in report.refused)
    emit(options, out, data, lines)
