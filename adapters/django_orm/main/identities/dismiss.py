"""``identities dismiss ID``: close a recommendation for good."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.main.identities._shared import emit, positive_id, user
from adapters.django_orm.main.identities.recommendations import reviewer
from core.identity.reviewing import ReviewError

NAME = "dismiss"
HELP = "dismiss a recommendation; its pair is never recommended again"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("id", type=positive_id, metavar="ID", help="the recommendation")
    parser.add_argument("--reason", default="", help="why, kept with the decision")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    review = reviewer(options["database"])
    try:
        stored = review.dismiss(options["id"], user(), options["reason"].strip())
    except ReviewError as error:
        raise CommandError(str(error)) from None
    data = {
        "id": stored.id,
        "status": stored.status.value,
        "profiles": [str(stored.pair.first), str(stored.pair.second)],
        "reason": stored.reason,
    }
    emit(options, out, data, [f"recommendation {stored.id} dismissed"])
