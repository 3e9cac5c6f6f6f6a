"""``identities list``: the identities, newest last, with how many profiles of each kind."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper
from django.db.models import Count, Q

from adapters.django_orm.hub.models import Identity, Profile
from adapters.django_orm.main.identities._shared import checked_limit, emit

NAME = "list"
HELP = "list identities with their profile counts per kind"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    parser.add_argument(
        "--search",
        default="",
        help="only those whose name, or a profile's name, key or email, holds TEXT",
    )
    parser.add_argument("--merged", action="store_true", help="also the identities a merge retired")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    limit = checked_limit(options)
    using = options["database"]
    identities = Identity.objects.using(using).order_by("pk")
    if not options.get("merged"):
        identities = identities.filter(merged_into__isnull=True)
    text = options["search"].strip()
    if text:
        matching = Profile.objects.using(using).filter(
            Q(display_name__icontains=text)
            | Q(key__icontains=text)
            | Q(username__icontains=text)
            | Q(emails__address__icontains=text)
        )
        identities = identities.filter(
            Q(display_name__icontains=text) | Q(pk__in=matching.values("identity_id"))
        )
    total = identities.count()
    rows = list(identities[:limit])
    counts: dict[int, dict[str, int]] = {row.pk: {} for row in rows}
    for identity_id, kind, n in (
        Profile.objects.using(using)
        .filter(identity_id__in=list(counts))
        .values_list("identity_id", "kind")
        .annotate(n=Count("pk"))
        .order_by("identity_id", "kind")
    ):
        counts[identity_id][kind] = n
    found: list[dict[str, Any]] = [
        {
            "id": row.pk,
            "display_name": row.display_name,
            "locked": row.is_locked,
            "merged_into": row.merged_into_id,
            "profiles": counts[row.pk],
        }
        for row in rows
    ]
    lines = []
    for item in found:
        flags = " [locked]" if item["locked"] else ""
        if item["merged_into"] is not None:
            flags += f" [merged into {item['merged_into']}]"
        kinds = " ".join(f"{kind}:{n}" for kind, n in item["profiles"].items()) or "no profiles"
        lines.append(f"{item['id']:>6}  {item['display_name'] or '(no name)'}{flags}  {kinds}")
    lines.append(f"{len(found)} of {total} identities")
    emit(options, out, {"identities": found, "total": total}, lines)
