"""``identities accept ID``: put a recommendation's two profiles in one identity."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id, user
from adapters.django_orm.main.identities.recommendations import reviewer
from core.identity.reviewing import ReviewError

NAME = "accept"
HELP = "accept a recommendation: merge or link the two profiles' identities"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("id", type=positive_id, metavar="ID", help="the recommendation")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    review = reviewer(options["database"])
    try:
        with hub_errors():
            decision = review.accept(options["id"], user(), options["reason"].strip())
    except ReviewError as error:
        raise CommandError(str(error)) from None
    pair = decision.recommendation.pair
    data = {
        "id": decision.recommendation.id,
        "status": decision.recommendation.status.value,
        "identity": decision.identity.identity_id,
        "operation": decision.operation,
        "profiles": [str(pair.first), str(pair.second)],
    }
    done = {
        "merge": "identities merged",
        "link": "profile linked",
        "create": "identity created",
        "none": "already one identity",
    }[decision.operation]
    lines = [
        f"recommendation {data['id']} accepted ({done}): {pair.first} and {pair.second}"
        f" are identity {data['identity']}"
    ]
    emit(options, out, data, lines)
