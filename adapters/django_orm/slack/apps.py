from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.slack.ingest import SLACK

SAMPLES = Path(__file__).resolve().parent / "samples"


class SlackConfig(trackers.TrackerAppConfig):
    """Slack activity. People are soft references to hub profiles; messages name their
    channel by its id, not by a relation, so each table stores on its own."""

    name = "adapters.django_orm.slack"
    label = "slack"
    verbose_name = "Slack"
    tracker = SLACK

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        (export,) = SLACK.sources
        return [(export, [SAMPLES / "cpplang-export"])]
