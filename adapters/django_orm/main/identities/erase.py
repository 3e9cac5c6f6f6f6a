"""``identities erase PROFILE_ID --reason TEXT``: erase a person's profile on request.

The profile and its addresses are deleted, the audit entries about it lose what they quoted,
and every tracker anonymises its records at once by its policy (each tracker's ``ingest``
module documents it). Only keyed hashes of what identified the profile are kept, so that a
later collect of the same source stores nobody in their place. The reason (a request's
number) stays in the audit log: it should not name the person.
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import (
    emit_applied,
    hub_errors,
    positive_id,
    profile_ref,
    user,
)

NAME = "erase"
HELP = "erase a profile's personal data on request; trackers anonymise their records"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("profile", type=positive_id, metavar="PROFILE_ID", help="the profile")
    parser.add_argument(
        "--reason", required=True, help="why (a request's number), kept in the audit log"
    )


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    using = options["database"]
    reason = options["reason"].strip()
    if not reason:
        raise CommandError("--reason is required: say why, without naming the person")
    profile = profile_ref(using, options["profile"])
    with hub_errors():
        identity_hub(using).erase(profile, actor=user(), reason=reason)
    data = {"profile": profile.profile_id, "kind": profile.kind.value}
    emit_applied(options, out, data, f"{profile} erased")
