"""The composition root: the one place that wires the kit, the trackers and the hub to their
Django implementations."""

from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from adapters.django_orm.hub.recommendations import count_open
from adapters.django_orm.main.orphans import hub_installed, orphan_count
from adapters.django_orm.trackers import record_types, sources, tracker_apps
from adapters.django_orm.unit_of_work import DjangoUnitOfWork, retryable
from core.identity import IdentityHub
from core.ingest import IngestSummary
from core.ingest.collection import collect as collect_paths
from core.ingest.profile_events import Applied, apply_events, pending, prune
from core.protocols.events import HubEvent
from core.protocols.refs import ProfileKind

# Who hears the hub's events, once their work is committed (an audit log, a search index).
EVENT_HANDLERS: list[Callable[[HubEvent], None]] = []


def publish(event: HubEvent) -> None:
    for handler in EVENT_HANDLERS:
        handler(event)


def identity_hub(using: str = "default", uow: DjangoUnitOfWork | None = None) -> IdentityHub:
    key = settings.TRACKERHUB_ERASURE_KEY
    return IdentityHub(
        uow if uow is not None else DjangoUnitOfWork(using),
        publish,
        erasure_key=key.encode() if key else None,
    )


def apply_profile_events(using: str = "default") -> list[Applied]:
    """Every installed tracker applies the profile events it has not applied yet: after each
    hub command that folds or erases profiles, before each collect, and on its own
    (``identities apply-events``) when a process stopped between the two. Then the events
    all of them have applied leave the outbox."""
    if not hub_installed():
        return []  # a tracker installed alone hears from no hub
    uow = DjangoUnitOfWork(using)
    trackers = [config.tracker for config in tracker_apps()]
    applied = [apply_events(tracker, uow) for tracker in trackers]
    prune(trackers, uow)
    return applied


def pending_profile_events(using: str = "default") -> int:
    """The most events any installed tracker has yet to apply."""
    if not hub_installed():
        return 0
    uow = DjangoUnitOfWork(using)
    return max((pending(uow, config.tracker) for config in tracker_apps()), default=0)


def collect(
    source_name: str,
    paths: Sequence[Path],
    using: str = "default",
    *,
    full: bool = False,
    summary: IngestSummary | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> IngestSummary:
    """``trackerhub collect``: the source run over ``paths`` in one database, the hub's writes
    and the records of each batch in one transaction."""
    tracker, source = sources()[source_name]
    uow = DjangoUnitOfWork(using)
    # What the hub folded or erased since the tracker last heard: applied before new records
    # are merged into the stored ones.
    if hub_installed():
        apply_events(tracker, uow)
    return collect_paths(
        tracker,
        source,
        paths,
        uow,
        identity_hub(uow=uow),
        full=full,
        summary=summary,
        store_errors=(DatabaseError,),
        retryable=retryable,
        advance=advance,
    )


def stats(using: str = "default") -> dict[str, object]:
    """What ``trackerhub stats --json`` prints."""
    uow = DjangoUnitOfWork(using)
    hub = identity_hub(uow=uow)
    profiles = dict.fromkeys((kind.value for kind in ProfileKind), 0)
    profiles.update({kind.value: n for kind, n in hub.count_profiles().items()})
    with uow:
        records = {
            record_type.name: uow.records(record_type).count() for record_type in record_types()
        }
    return {
        "records": dict(sorted(records.items())),
        "profiles": profiles,
        "identities": hub.count_identities(),
        "recommendations_open": count_open(using),
        "orphans": orphan_count(using),
        "profile_events_pending": pending_profile_events(using),
    }
