from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.youtube.ingest import YOUTUBE

SAMPLES = Path(__file__).resolve().parent / "samples"


class YouTubeConfig(trackers.TrackerAppConfig):
    """YouTube talks. Speakers are soft references to hub profiles; channels and videos are
    named by their ids, not joined, so each table stores on its own."""

    name = "adapters.django_orm.youtube"
    label = "youtube"
    verbose_name = "YouTube talks"
    tracker = YOUTUBE

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        (info,) = YOUTUBE.sources
        return [(info, [SAMPLES])]
