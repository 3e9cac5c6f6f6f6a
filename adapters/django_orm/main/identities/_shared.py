"""What the review subcommands share: who acts, ids from the command line, the hub's errors
as one-line ``CommandError``s, output, and how often the trackers name profiles."""

import argparse
import getpass
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.db import models

from adapters.django_orm.fields import ProfileRefField
from adapters.django_orm.hub.models import Profile
from adapters.django_orm.main.bootstrap import apply_profile_events
from adapters.django_orm.main.errors import first_line
from adapters.django_orm.trackers import tracker_apps
from core.ingest.limits import INTEGER_RANGE
from core.ingest.profile_events import Applied
from core.protocols.audit import Actor
from core.protocols.errors import IdentityError
from core.protocols.refs import ProfileKind, ProfileRef, ref_of

# What a database id can be: 64-bit, from 1.
IDS = range(1, INTEGER_RANGE.stop)


def user() -> Actor:
    """The person at the keyboard: the OS user name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor.user(name or "unknown")


def positive_id(value: str) -> int:
    """An argparse type: a database id, a positive integer a 64-bit column holds."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number not in IDS:
        raise argparse.ArgumentTypeError(
            f"not an id: {value!r}; an id is a positive integer of at most {IDS[-1]:,}"
        )
    return number


def checked_limit(options: Mapping[str, Any]) -> int:
    """``--limit``, checked: the database is asked for no fewer than one row, and for no more
    than it can count."""
    given: int = options["limit"]
    if given not in IDS:
        raise CommandError(f"--limit must be at least 1 and at most {IDS[-1]:,}, got {given}")
    return given


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


def emit_applied(
    options: Mapping[str, Any], out: OutputWrapper, data: Mapping[str, Any], head: str
) -> None:
    """After a change to profiles in the hub: every tracker applies its events at once, and the
    output adds what they rewrote to ``data`` and ``head``."""
    rewritten, lines = applied_lines(apply_profile_events(options["database"]))
    emit(options, out, {**data, "rewritten": rewritten}, [head, *lines])


@contextmanager
def hub_errors() -> Iterator[None]:
    """The hub's refusals (no such identity, locked, retired...) as one-line CommandErrors."""
    try:
        yield
    except IdentityError as error:
        raise CommandError(first_line(error)) from None


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
