"""``identities move PROFILE_ID --to IDENTITY_ID|--none``: move one profile, as the user."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import (
    emit,
    hub_errors,
    positive_id,
    profile_ref,
    user,
)
from core.protocols.refs import IdentityRef

NAME = "move"
HELP = "move a profile to another identity, or to none"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("profile", type=positive_id, metavar="PROFILE_ID", help="the profile")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", type=positive_id, metavar="IDENTITY_ID", help="the identity")
    where.add_argument("--none", action="store_true", help="unlink it from any identity")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    using = options["database"]
    profile = profile_ref(using, options["profile"])
    to = None if options["none"] else IdentityRef(options["to"])
    hub = identity_hub(using)
    with hub_errors():
        previous = hub.identity_of(profile)
        hub.move(profile, to, actor=user(), reason=options["reason"].strip())
    data = {
        "profile": profile.profile_id,
        "kind": profile.kind.value,
        "from": None if previous is None else previous.identity_id,
        "to": None if to is None else to.identity_id,
    }
    where = "no identity" if to is None else f"identity {to.identity_id}"
    came = "no identity" if previous is None else f"identity {previous.identity_id}"
    lines = [
        f"{profile}: moved from {came} to {where}"
        if previous != to
        else f"{profile}: already at {where}"
    ]
    emit(options, out, data, lines)
