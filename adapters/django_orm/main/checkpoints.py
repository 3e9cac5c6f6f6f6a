"""The checkpoints of incremental collection, in the database they describe."""

from adapters.django_orm.main.models import Checkpoint as Row
from core.protocols.storage import Checkpoint


class DjangoCheckpointStore:
    def __init__(self, using: str = "default") -> None:
        self.using = using

    def get(self, source: str, origin: str) -> Checkpoint | None:
        row = Row.objects.using(self.using).filter(source=source, origin=origin).first()
        return None if row is None else Checkpoint(row.source, row.origin, row.fingerprint)

    def save(self, checkpoint: Checkpoint) -> None:
        Row.objects.using(self.using).update_or_create(
            source=checkpoint.source,
            origin=checkpoint.origin,
            defaults={"fingerprint": checkpoint.fingerprint},
        )
