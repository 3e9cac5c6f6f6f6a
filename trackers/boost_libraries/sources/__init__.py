"""Readers of a Boost super-project: its releases, modules, metadata and includes."""
