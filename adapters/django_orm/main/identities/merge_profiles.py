"""``identities merge-profiles SOURCE_ID INTO_ID``: fold a profile into another of its kind.

For one account seen under two keys (a sender whose name was spelled two ways, an account
known by login and by id): the kept profile takes the addresses, the missing fields and the
identity, the folded one is deleted, and every tracker re-points its records at once. A later
collect that names the folded profile names the kept one.
"""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import (
    emit_applied,
    hub_errors,
    positive_id,
    profile_ref,
    user,
)

NAME = "merge-profiles"
HELP = "fold a profile into another of its kind (one account seen under two keys)"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("source", type=positive_id, metavar="SOURCE_ID", help="folded, deleted")
    parser.add_argument("into", type=positive_id, metavar="INTO_ID", help="the profile kept")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    using = options["database"]
    source = profile_ref(using, options["source"])
    into = profile_ref(using, options["into"])
    with hub_errors():
        identity_hub(using).merge_profiles(
            source, into, actor=user(), reason=options["reason"].strip()
        )
    data = {"source": source.profile_id, "into": into.profile_id, "kind": source.kind.value}
    emit_applied(options, out, data, f"{source} folded into {into}")
