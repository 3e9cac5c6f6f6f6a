# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.reddit.ingest import REDDIT


class RedditConfig(trackers.TrackerAppConfig):
    """Reddit submissions and comments. Authors are soft references to hub profiles; a
    comment names its submission by fullname, not by a relation."""

    verbose_name = "Reddit"
    tracker = REDDIT
    sample_paths = {"reddit-json": (".",)}
