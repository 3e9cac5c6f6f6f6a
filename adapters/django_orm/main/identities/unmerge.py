"""``identities unmerge MERGE_ID``: undo one merge exactly, as the user at the keyboard."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id, user
from core.protocols.audit import MergeRef

NAME = "unmerge"
HELP = "undo a merge: revive the identities it folded and move their profiles back"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("merge", type=positive_id, metavar="MERGE_ID", help="the merge's id")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    hub = identity_hub(options["database"])
    with hub_errors():
        report = hub.unmerge(
            MergeRef(options["merge"]), actor=user(), reason=options["reason"].strip()
        )
    data = {
        "merge": report.merge.merge_id,
        "revived": [i.identity_id for i in report.revived],
        "restored_profiles": [str(m.profile) for m in report.restored],
        "left_profiles": [str(m.profile) for m in report.left],
        "kept_fields": list(report.kept_fields),
    }
    revived = ", ".join(str(i.identity_id) for i in report.revived) or "none"
    lines = [
        f"merge {report.merge.merge_id} undone: identities revived: {revived};"
        f" {len(report.restored)} profile(s) moved back"
    ]
    for move in report.left:
        lines.append(f"  left where it is (moved since): {move.profile}")
    for field in report.kept_fields:
        lines.append(f"  kept (changed since): {field}")
    emit(options, out, data, lines)
