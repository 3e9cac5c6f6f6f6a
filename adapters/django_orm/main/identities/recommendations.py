"""``identities recommendations``: the open recommendations, best first, with both profiles
and the evidence; also how the review subcommands build their use cases."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.hub.recommendations import DjangoRecommendationStore, evidence_json
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import checked_limit, emit
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity.reviewing import Reviewer
from core.protocols.recommendation_store import StoredRecommendation
from core.protocols.records import ProfileSnapshot
from core.protocols.refs import ProfileRef

NAME = "recommendations"
HELP = "list open recommendations that two profiles are one person"


def reviewer(using: str) -> Reviewer:
    """The review use cases on one database: the hub and the store share its transactions."""
    uow = DjangoUnitOfWork(using)
    return Reviewer(uow, DjangoRecommendationStore(using), identity_hub(uow=uow))


def profile_json(ref: ProfileRef, snapshot: ProfileSnapshot | None) -> dict[str, Any]:
    if snapshot is None:
        return {"kind": ref.kind.value, "id": ref.profile_id, "missing": True}
    record = snapshot.record
    return {
        "kind": ref.kind.value,
        "id": ref.profile_id,
        "key": record.key,
        "display_name": record.display_name,
        "username": record.username,
        "identity": record.identity_id,
    }


def recommendation_json(
    stored: StoredRecommendation, profiles: dict[ProfileRef, ProfileSnapshot]
) -> dict[str, Any]:
    recommendation = stored.recommendation
    pair = recommendation.pair
    return {
        "id": stored.id,
        "status": stored.status.value,
        "first": profile_json(pair.first, profiles.get(pair.first)),
        "second": profile_json(pair.second, profiles.get(pair.second)),
        "score": recommendation.score,
        "conclusive": recommendation.conclusive,
        "rules": sorted({e.rule.value for e in recommendation.evidence}),
        "evidence": evidence_json(recommendation.evidence),
        "decided_by": None if stored.decided_by is None else str(stored.decided_by),
        "reason": stored.reason,
    }


def _label(profile: dict[str, Any]) -> str:
    name = profile.get("display_name") or profile.get("username") or ""
    shown = f"{profile['kind']} {profile['id']}"
    if profile.get("missing"):
        return f"{shown} (gone)"
    return f"{shown} {name!r} [{profile['key']}]" if name else f"{shown} [{profile['key']}]"


def text_lines(item: dict[str, Any]) -> list[str]:
    status = "" if item["status"] == "open" else f" ({item['status']})"
    conclusive = ", conclusive" if item["conclusive"] else ""
    lines = [
        f"#{item['id']}{status} score {item['score']:.3f}{conclusive}:"
        f" {_label(item['first'])} <-> {_label(item['second'])}"
    ]
    lines.extend(
        f"    {e['rule']}: {e['first']!r} / {e['second']!r} ({e['score']})"
        for e in item["evidence"]
    )
    return lines


def arguments(parser: CommandParser) -> None:
    parser.add_argument("--all", action="store_true", help="also accepted and dismissed ones")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    limit = checked_limit(options)
    review = reviewer(options["database"])
    found = review.listing(limit, decided=options["all"])
    refs = {ref for stored in found for ref in (stored.pair.first, stored.pair.second)}
    profiles = identity_hub(options["database"]).get_many(refs)
    items = [recommendation_json(stored, profiles) for stored in found]
    data = {"open": review.count_open(), "recommendations": items}
    lines = [line for item in items for line in text_lines(item)]
    lines.append(f"{data['open']} open recommendation(s); shown {len(items)}")
    emit(options, out, data, lines)
