"""Readers of GitHub activity formats: each yields "seen" items or SourceProblems."""
