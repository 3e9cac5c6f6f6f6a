"""Readers of the youtube tracker's formats: each yields records or SourceProblems."""
