"""``identities show ID``: one identity, its profiles and their activity in each tracker."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import (
    activity,
    emit,
    hub_errors,
    positive_id,
)
from core.protocols.refs import IdentityRef

NAME = "show"
HELP = "show an identity, its profiles and their activity per tracker"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("identity", type=positive_id, metavar="ID", help="the identity's id")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    using = options["database"]
    hub = identity_hub(using)
    ref = IdentityRef(options["identity"])
    with hub_errors():
        record = hub.identity(ref)
        refs = hub.profiles_of(ref)
    snapshots = hub.get_many(refs)
    total, per_profile = activity([r.profile_id for r in refs], using)
    profiles: list[dict[str, Any]] = []
    for profile_ref in refs:
        snapshot = snapshots[profile_ref]
        profile = snapshot.record
        profiles.append(
            {
                "id": profile.id,
                "kind": profile.kind.value,
                "key": profile.key,
                "name": profile.display_name or profile.username,
                "emails": [email.address for email in snapshot.emails],
                "activity": per_profile.get(profile.id, {}),
            }
        )
    data: dict[str, Any] = {
        "id": record.id,
        "display_name": record.display_name,
        "description": record.description,
        "locked": record.is_locked,
        "merged_into": record.merged_into_id,
        "profiles": profiles,
        "activity": total,
    }
    lines = [f"identity {record.id}: {record.display_name or '(no name)'}"]
    if record.description:
        lines.append(f"  {record.description}")
    if record.is_locked:
        lines.append("  locked: automatic jobs leave it alone")
    if record.merged_into_id is not None:
        lines.append(f"  merged into identity {record.merged_into_id}")
    for item in profiles:
        emails = ", ".join(item["emails"])
        lines.append(
            f"  {item['kind']} profile {item['id']}: {item['name'] or '(no name)'}"
            f" [{item['key']}]" + (f" <{emails}>" if emails else "")
        )
        for name, n in item["activity"].items():
            lines.append(f"      {name}: {n}")
    if not profiles:
        lines.append("  no profiles")
    lines.append("  activity: " + (", ".join(f"{name} {n}" for name, n in total.items()) or "none"))
    emit(options, out, data, lines)
