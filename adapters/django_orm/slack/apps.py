# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.slack.ingest import SLACK


class SlackConfig(trackers.TrackerAppConfig):
    """Slack activity. People are soft references to hub profiles; messages name their
    channel by its id, not by a relation, so each table stores on its own."""

    verbose_name = "Slack"
    tracker = SLACK
    sample_paths = {"slack-export": ("cpplang-export",)}
