# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.mailing_lists.ingest import MAILING_LISTS


class MailingListsConfig(trackers.TrackerAppConfig):
    """Mailing-list messages. Senders are soft references to hub profiles."""

    verbose_name = "Mailing lists"
    tracker = MAILING_LISTS
    sample_paths = {"mbox": ("boost.mbox",), "hyperkitty-json": ("boost-users-hyperkitty.json",)}
