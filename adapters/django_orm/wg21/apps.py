from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.wg21.ingest import WG21

SAMPLES = Path(__file__).resolve().parent / "samples"


class WG21Config(trackers.TrackerAppConfig):
    """WG21 papers. Authors are soft references to hub profiles; a document names its paper
    and its mailing by their ids, so each table stores on its own."""

    name = "adapters.django_orm.wg21"
    label = "wg21"
    verbose_name = "WG21 papers"
    tracker = WG21

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        index, mailing = WG21.sources
        return [
            (index, [SAMPLES / "index.json"]),
            (mailing, [SAMPLES / "papers.html", SAMPLES / "2024.html"]),
        ]
