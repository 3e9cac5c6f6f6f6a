"""The checkpoints of incremental collection, in the database they describe."""

from django.utils import timezone

from adapters.django_orm.main.models import Checkpoint as Row
from core.protocols.storage import Checkpoint


class DjangoCheckpointStore:
    def __init__(self, using: str = "default") -> None:
        self.using = using

    def get(self, source: str, origin: str) -> Checkpoint | None:
        row = Row.objects.using(self.using).filter(source=source, origin=origin).first()
        return None if row is None else Checkpoint(row.source, row.origin, row.fingerprint)

    def save(self, checkpoint: Checkpoint) -> None:
        # One statement, INSERT ... ON CONFLICT DO UPDATE: two collects of one path may save
        # their checkpoints at once.
        Row.objects.using(self.using).bulk_create(
            [
                Row(
                    source=checkpoint.source,
                    origin=checkpoint.origin,
                    fingerprint=checkpoint.fingerprint,
                    updated_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["source", "origin"],
            update_fields=["fingerprint", "updated_at"],
        )
