"""Readers of the reddit tracker's formats: each yields records or SourceProblems."""
