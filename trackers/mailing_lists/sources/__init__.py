"""Readers of mailing-list formats: each yields MessageSeen items or SourceProblems."""
