from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.reddit.ingest import REDDIT

SAMPLES = Path(__file__).resolve().parent / "samples"


class RedditConfig(trackers.TrackerAppConfig):
    """Reddit submissions and comments. Authors are soft references to hub profiles; a
    comment names its submission by fullname, not by a relation."""

    name = "adapters.django_orm.reddit"
    label = "reddit"
    verbose_name = "Reddit"
    tracker = REDDIT

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        (reddit_json,) = REDDIT.sources
        return [(reddit_json, [SAMPLES])]
