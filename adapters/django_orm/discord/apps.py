from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.discord.ingest import DISCORD

SAMPLES = Path(__file__).resolve().parent / "samples"


class DiscordConfig(trackers.TrackerAppConfig):
    """Discord activity. People are soft references to hub profiles; channels, messages and
    reactions name what they belong to by snowflake id, not by relation, so each table stores
    on its own."""

    name = "adapters.django_orm.discord"
    label = "discord"
    verbose_name = "Discord"
    tracker = DISCORD

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        del scratch
        (export,) = DISCORD.sources
        return [(export, [SAMPLES])]
