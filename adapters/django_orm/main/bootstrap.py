"""The composition root: the one place that wires ports to their Django implementations."""

from collections.abc import Callable

from adapters.django_orm.hub.repository import DjangoUnitOfWork
from core.identity import IdentityHub
from core.protocols.refs import ProfileKind

# "<tracker>.<record type>" -> count, one entry per installed tracker app.
type RecordCounter = Callable[[str], dict[str, int]]


def _mailing_list_counts(using: str) -> dict[str, int]:
    from adapters.django_orm.mailing_lists.repository import DjangoMessageRepository

    return {"mailing_lists.message": DjangoMessageRepository(using).count()}


def _github_counts(using: str) -> dict[str, int]:
    from adapters.django_orm.github.repository import DjangoGitHubUnitOfWork
    from trackers.github.ingest import TABLES

    uow = DjangoGitHubUnitOfWork(using)
    return {table.record_type: table.store(uow).count() for table in TABLES.values()}


RECORD_COUNTERS: list[RecordCounter] = [_mailing_list_counts, _github_counts]


def identity_hub(using: str = "default") -> IdentityHub:
    return IdentityHub(DjangoUnitOfWork(using))


def stats(using: str = "default") -> dict[str, object]:
    """What ``trackerhub stats --json`` prints."""
    hub = identity_hub(using)
    profiles = dict.fromkeys((kind.value for kind in ProfileKind), 0)
    profiles.update({kind.value: n for kind, n in hub.count_profiles().items()})
    records: dict[str, int] = {}
    for counter in RECORD_COUNTERS:
        records.update(counter(using))
    return {
        "records": dict(sorted(records.items())),
        "profiles": profiles,
        "identities": hub.count_identities(),
    }
