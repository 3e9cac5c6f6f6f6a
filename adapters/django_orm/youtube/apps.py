# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.youtube.ingest import YOUTUBE


class YouTubeConfig(trackers.TrackerAppConfig):
    """YouTube talks. Speakers are soft references to hub profiles; channels and videos are
    named by their ids, not joined, so each table stores on its own."""

    verbose_name = "YouTube talks"
    tracker = YOUTUBE
    sample_paths = {"youtube-info": (".",)}
