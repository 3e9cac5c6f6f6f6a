"""What the review subcommands share: who acts, ids from the command line, the hub's errors
as one-line ``CommandError``s, output, and activity counts of profiles across the trackers."""

import argparse
import getpass
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import reduce
from operator import or_
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.db import models

from adapters.django_orm.fields import ProfileRefField
from adapters.django_orm.hub.models import Profile
from adapters.django_orm.trackers import tracker_apps
from core.ingest.profile_events import Applied
from core.protocols.audit import Actor
from core.protocols.errors import IdentityError
from core.protocols.refs import ProfileKind, ProfileRef, ref_of


def user() -> Actor:
    """The person at the keyboard: the OS user name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor.user(name or "unknown")


def positive_id(value: str) -> int:
    """An argparse type: a database id, a positive integer."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not an id: {value!r}; an id is a positive integer")
    return number


def profile_ref(using: str, profile_id: int) -> ProfileRef:
    """The typed reference of a profile given by id; a CommandError if there is none."""
    kind = Profile.objects.using(using).filter(pk=profile_id).values_list("kind", flat=True)
    found = kind.first()
    if found is None:
        raise CommandError(f"no profile with id {profile_id}")
    return ref_of(ProfileKind(found), profile_id)


def applied_lines(applied: Sequence[Applied]) -> tuple[dict[str, int], list[str]]:
    """What the trackers' applying of profile events did: records rewritten per record type,
    and a line for each."""
    rewritten = {name: n for done in applied for name, n in done.records.items()}
    lines = [f"  {name}: {n} record(s) rewritten" for name, n in sorted(rewritten.items())]
    return dict(sorted(rewritten.items())), lines


@contextmanager
def hub_errors() -> Iterator[None]:
    """The hub's refusals (no such identity, locked, retired...) as one-line CommandErrors."""
    try:
        yield
    except IdentityError as error:
        raise CommandError(str(error).strip().splitlines()[0] or type(error).__name__) from None


def emit(
    options: Mapping[str, Any], out: OutputWrapper, data: Mapping[str, Any], text: list[str]
) -> None:
    if options.get("json"):
        out.write(json.dumps(data, sort_keys=True, default=str))
    else:
        for line in text:
            out.write(line)


def _ref_columns(model: type[models.Model]) -> list[str]:
    return [
        field.attname for field in model._meta.get_fields() if isinstance(field, ProfileRefField)
    ]


def _tracker_models() -> Iterator[tuple[str, type[models.Model], list[str]]]:
    """(name, model, its profile-ref columns) for each tracker model that holds any."""
    for config in tracker_apps():
        for model in config.get_models():
            columns = _ref_columns(model)
            if not columns:
                continue
            record_type = getattr(model, "record_type", None)
            name = getattr(record_type, "name", None) or f"{config.label}.{model._meta.model_name}"
            yield name, model, columns


def activity(
    profile_ids: Collection[int], using: str
) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """How many records of each tracker model name one of the profiles, and each of them: one
    query per model, a record counted once however many of its columns name the profile.
    For a few profiles (one identity's); ``uses`` weighs many."""
    if not profile_ids:
        return {}, {}
    ids = sorted(profile_ids)
    total: dict[str, int] = {}
    each: dict[int, dict[str, int]] = {pid: {} for pid in ids}
    for name, model, columns in _tracker_models():

        def naming(pid: int, columns: list[str] = columns) -> models.Q:
            return reduce(or_, (models.Q(**{c: pid}) for c in columns))

        condition = reduce(or_, (models.Q(**{f"{c}__in": ids}) for c in columns))
        counts = (
            model._default_manager.using(using)
            .filter(condition)
            .aggregate(
                total=models.Count("pk"),
                **{f"p{pid}": models.Count("pk", filter=naming(pid)) for pid in ids},
            )
        )
        if counts["total"]:
            total[name] = total.get(name, 0) + counts["total"]
        for pid in ids:
            if counts[f"p{pid}"]:
                each[pid][name] = each[pid].get(name, 0) + counts[f"p{pid}"]
    return dict(sorted(total.items())), {p: dict(sorted(c.items())) for p, c in each.items()}


def uses(profile_ids: Collection[int], using: str) -> Counter[int]:
    """How often the trackers' records name each profile (a record naming it in two columns
    counts twice): a weight for many profiles, one query per profile-ref column."""
    found: Counter[int] = Counter()
    if not profile_ids:
        return found
    ids = list(profile_ids)
    for _, model, columns in _tracker_models():
        for column in columns:
            rows = (
                model._default_manager.using(using)
                .filter(**{f"{column}__in": ids})
                .values_list(column)
                .annotate(n=models.Count("pk"))
                .order_by()
            )
            for profile_id, n in rows:
                found[profile_id] += n
    return found


def most[T](weights: Mapping[T, int], key: Callable[[T], Any] = str) -> T:
    """The heaviest value; ties go to the first by ``key``."""
    return min(weights, key=lambda value: (-weights[value], key(value)))
