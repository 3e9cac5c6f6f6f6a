"""What tells an export read before from a changed one.

A zip archive is one file: its size, modification time and content hash, as any file's. A
folder is the list of the JSON files an export holds (at its top and one folder down), each
with its size and modification time (hashing a workspace's thousands of day files would cost
as much as reading them): a file added, removed, rewritten or touched changes it, and so does
a file that became unreadable.
"""

import hashlib
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.files import file_fingerprint
from trackers.slack.sources.export import folder_files


def export_fingerprint(path: Path) -> str:
    """The fingerprint of the export at ``path``; OSError when it cannot be read."""
    if not path.is_dir():
        return file_fingerprint(path)
    digest = hashlib.sha256()
    count = 0
    for found in folder_files(path):
        if isinstance(found, SourceProblem):
            line = f"{found.path}\0{found.reason}"
        else:
            status = found.stat()
            line = f"{found.relative_to(path).as_posix()}\0{status.st_size}\0{status.st_mtime_ns}"
            count += 1
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return f"{count} JSON files, sha256 of their names, sizes and times {digest.hexdigest()}"
