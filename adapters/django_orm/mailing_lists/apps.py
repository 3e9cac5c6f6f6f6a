from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.mailing_lists.ingest import MAILING_LISTS

SAMPLES = Path(__file__).resolve().parent / "samples"


class MailingListsConfig(trackers.TrackerAppConfig):
    """Mailing-list messages. Senders are soft references to hub profiles."""

    name = "adapters.django_orm.mailing_lists"
    label = "mailing_lists"
    verbose_name = "Mailing lists"
    tracker = MAILING_LISTS

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        mbox, hyperkitty = MAILING_LISTS.sources
        return [
            (mbox, [SAMPLES / "boost.mbox"]),
            (hyperkitty, [SAMPLES / "boost-users-hyperkitty.json"]),
        ]
