"""Readers of the wg21 tracker's formats: each yields records or SourceProblems."""
