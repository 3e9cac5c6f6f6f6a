"""Collection's own bookkeeping: the checkpoint each source left at each path it read."""

from django.db import models


class Checkpoint(models.Model):
    """What ``source`` had read at ``origin`` (a file or a repository, by its real path) when
    its last collect there completed."""

    source = models.CharField(max_length=64)
    origin = models.TextField()
    fingerprint = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "origin"], name="trackerhub_checkpoint_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.origin}"
