"""Readers of Discord formats: each yields records of trackers.discord.records or
SourceProblems."""
