"""Slack: a workspace's team, users, channels, messages (threads, edits, reactions, files)
and joins and leaves, from workspace exports, a zip archive or the folder it unzips to."""
