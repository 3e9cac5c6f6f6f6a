"""``identities show ID``: one identity, its profiles and their activity in each tracker.

Activity is counted per record type, keyed ``"<tracker>.<record type>"`` as ``trackerhub
stats`` keys its records: a record naming the profile in any role counts once, the roles its
child rows hold included (a commit co-authored counts under ``github.commit``, an assignee
under ``github.issue``).
"""

from collections.abc import Collection, Iterator
from functools import reduce
from operator import or_
from typing import Any

from django.core.management.base import CommandParser, OutputWrapper
from django.db import models

from adapters.django_orm.fields import ProfileRefField
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id
from adapters.django_orm.trackers import tracker_apps
from core.protocols.refs import IdentityRef
from core.protocols.trackers import RecordType

NAME = "show"
HELP = "show an identity, its profiles and their activity per tracker"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("identity", type=positive_id, metavar="ID", help="the identity's id")


def _refs(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, ProfileRefField)]


def _record_types() -> Iterator[tuple[str, type[models.Model], list[str]]]:
    """(record type name, its model, the lookups from that model to every profile ref of
    the record: its own columns and those of the child rows pointing at it)."""
    for config in tracker_apps():
        lookups: dict[type[models.Model], list[str]] = {}
        for model in config.get_models():
            if isinstance(getattr(model, "record_type", None), RecordType):
                lookups.setdefault(model, []).extend(_refs(model))
        for model in config.get_models():
            if model in lookups:
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.ForeignKey) and field.related_model in lookups:
                    related = field.related_query_name()
                    lookups[field.related_model].extend(
                        f"{related}__{name}" for name in _refs(model)
                    )
        for model, found in lookups.items():
            if found:
                yield model.record_type.name, model, found  # type: ignore[attr-defined]


def activity(
    profile_ids: Collection[int], using: str
) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """How many records of each record type name one of the profiles, and each of them, in
    any role: one query per record type, each record counted once."""
    if not profile_ids:
        return {}, {}
    ids = sorted(profile_ids)
    total: dict[str, int] = {}
    each: dict[int, dict[str, int]] = {pid: {} for pid in ids}
    for name, model, lookups in _record_types():

        def naming(values: list[int], lookups: list[str] = lookups) -> models.Q:
            return reduce(or_, (models.Q(**{f"{lookup}__in": values}) for lookup in lookups))

        counts = (
            model._default_manager.using(using)
            .filter(naming(ids))
            .aggregate(
                total=models.Count("pk", distinct=True),
                **{
                    f"p{pid}": models.Count("pk", distinct=True, filter=naming([pid]))
                    for pid in ids
                },
            )
        )
        if counts["total"]:
            total[name] = counts["total"]
        for pid in ids:
            if counts[f"p{pid}"]:
                each[pid][name] = counts[f"p{pid}"]
    return dict(sorted(total.items())), {p: dict(sorted(c.items())) for p, c in each.items()}


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
