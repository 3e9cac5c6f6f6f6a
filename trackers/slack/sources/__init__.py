"""Readers of the slack tracker's formats: each yields records or SourceProblems."""
