"""The source toolkit: what every tracker's readers share, pure and without a framework.

- ``files``: walking paths for files by suffix, and a file's fingerprint (size, modification
  time and content hash) for incremental collection.
- ``json_files``: a saved JSON response read whole when small, streamed when big, as items.
- ``json_stream``: the streaming parser behind it (ijson), with its depth cap.
- ``json_lines``: a file of one JSON value a line (JSON Lines), told from a JSON document and
  read a line at a time, each line's fault a problem of its own.
- ``archives``: a zip archive read in place, each member streamed, a harmful one refused.
- ``fields``: typed reads of one decoded JSON object's fields, with errors naming the field.
- ``text``: text that every database stores (no NUL, no lone surrogates).
- ``dates``: dates made aware and UTC.
- ``git``: running git on a repository that may be hostile, decoding what it prints, remotes.
- ``git_trees``: a git tree's files at one commit and their contents, read in bulk.
- ``github_urls``: the GitHub repository a remote or submodule URL names.
- ``cpp_includes``: the ``#include`` directives of C and C++ source that a compiler would see
  (comments, ``#if 0`` blocks and continued lines handled).

It imports ``core.protocols``, the standard library and parsing libraries only (import-linter).
"""
