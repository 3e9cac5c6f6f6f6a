"""A git history of real size for the benchmarks, written with ``git fast-import``.

Shaped like a long-lived C++ project: a tree of 4,000 files in 200 folders; each commit
changes one to six of them, with a co-author; every 50th adds a binary file, every 97th renames
one. Seeded, so every run builds the same history.
"""

import random
import subprocess
from pathlib import Path

FOLDERS = 200
FILES_PER_FOLDER = 20


def _blob(path: str, version: int) -> bytes:
    return "".join(
        f"line {i} of {path} version {version if i % 7 == 0 else 0}\n"
        for i in range(40 + version % 5)
    ).encode()


def _file(path: str, data: bytes) -> bytes:
    return f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"


def fast_import_stream(commits: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    files = [
        f"src/dir{d:03d}/file{f:02d}.cpp" for d in range(FOLDERS) for f in range(FILES_PER_FOLDER)
    ]
    versions = dict.fromkeys(files, 0)
    first = "commit refs/heads/main\ncommitter Dev <dev@example.com> 1600000000 +0000\n"
    out = [first.encode() + b"data 7\ninitial\n"]
    out.extend(_file(path, _blob(path, 0)) for path in files)
    for i in range(1, commits):
        who = f"Dev {i % 300} <dev{i % 300}@example.com> {1_600_000_000 + i * 60} +0000"
        message = f"Change {i}\n\nCo-authored-by: Pair {i % 40} <pair{i % 40}@example.com>\n"
        data = message.encode()
        out.append(
            f"commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {len(data)}\n".encode()
            + data
            + b"\n"
        )
        for _ in range(rng.randint(1, 6)):
            path = rng.choice(files)
            versions[path] += 1
            out.append(_file(path, _blob(path, versions[path])))
        if i % 50 == 0:
            out.append(_file(f"assets/image{i}.png", rng.randbytes(200)))
        if i % 97 == 0:
            old = rng.choice(files)
            new = old.replace(".cpp", f"_{i}.cpp")
            files.remove(old)
            versions[new] = versions.pop(old)
            files.append(new)
            out.append(f"R {old} {new}\n".encode())
        out.append(b"\n")
    return b"".join(out)


def build(repository: Path, commits: int) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(repository)], check=True)
    subprocess.run(
        ["git", "-C", str(repository), "fast-import", "--quiet"],
        input=fast_import_stream(commits),
        check=True,
    )
    return repository
