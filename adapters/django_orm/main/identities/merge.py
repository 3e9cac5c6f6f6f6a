"""``identities merge INTO OTHER...``: fold identities into one, as the user at the keyboard."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id, user
from core.protocols.refs import IdentityRef

NAME = "merge"
HELP = "merge identities into one (undo with unmerge MERGE_ID)"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("into", type=positive_id, metavar="INTO", help="the identity kept")
    parser.add_argument(
        "others", type=positive_id, nargs="+", metavar="OTHER", help="the identities folded in"
    )
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    into = IdentityRef(options["into"])
    others = [IdentityRef(i) for i in dict.fromkeys(options["others"])]
    if into in others:
        raise CommandError(f"cannot merge identity {into.identity_id} into itself")
    hub = identity_hub(options["database"])
    with hub_errors():
        merge = hub.merge(into, others, actor=user(), reason=options["reason"].strip())
        record = hub.merge_record(merge).merge
    moved = [str(move.profile) for move in record.moves]
    data = {
        "merge": merge.merge_id,
        "into": into.identity_id,
        "others": [o.identity_id for o in others],
        "moved_profiles": moved,
        "changed_fields": [change.field for change in record.changes],
    }
    names = ", ".join(str(o.identity_id) for o in others)
    lines = [
        f"merge {merge.merge_id}: identities {names} merged into {into.identity_id},"
        f" {len(moved)} profile(s) moved; undo with `trackerhub identities unmerge"
        f" {merge.merge_id}`"
    ]
    emit(options, out, data, lines)
