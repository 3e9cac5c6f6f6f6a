# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.wg21.ingest import WG21


class WG21Config(trackers.TrackerAppConfig):
    """WG21 papers. Authors are soft references to hub profiles; a document names its paper
    and its mailing by their ids, so each table stores on its own."""

    verbose_name = "WG21 papers"
    tracker = WG21
    sample_paths = {"wg21-index": ("index.json",), "wg21-mailing": ("papers.html", "2024.html")}
