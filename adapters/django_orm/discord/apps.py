# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from trackers.discord.ingest import DISCORD


class DiscordConfig(trackers.TrackerAppConfig):
    """Discord activity. People are soft references to hub profiles; channels, messages and
    reactions name what they belong to by snowflake id, not by relation, so each table stores
    on its own."""

    verbose_name = "Discord"
    tracker = DISCORD
    sample_paths = {"discord-export": (".",)}
