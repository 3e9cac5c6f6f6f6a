"""Git collection throughput, file changes included, as ratios against baselines in one run.

    uv run python -m benchmarks.ingest_throughput [--commits 82000]

On a generated history of real size (``benchmarks.history``; by default as many commits as
git.git), each commit with the files it changed:

1. ``git log --numstat`` alone, exactly as the reader runs it, written to /dev/null: the floor
   no reader can beat.
2. Reading: ``read_git_history``, commits and file changes parsed, nothing stored.
3. Collecting into Django on SQLite (a file database), as ``trackerhub collect git`` does.
4. Collecting into the memory adapter: the cost of the kit's domain logic alone.

git runs in its own process while Python parses and stores, so the two overlap as far as the
machine's cores let them.

Absolute times depend on the machine; the ratios are what to compare between runs.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.history import build


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", type=int, default=82_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")

    with tempfile.TemporaryDirectory() as scratch:
        repository = build(Path(scratch) / "bench.git", args.commits)
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"

        import django

        django.setup()
        from django.core.management import call_command

        from adapters.django_orm.main.bootstrap import collect
        from adapters.memory import MemoryUnitOfWork
        from core.identity import IdentityHub
        from core.ingest import ingest
        from trackers.github.ingest import GITHUB
        from trackers.github.records import FileChange
        from trackers.github.sources.git_history import git_log_command, read_git_history

        call_command("migrate", verbosity=0)
        command = git_log_command(repository)
        git_alone = timed(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True))
        files = 0

        def read() -> None:
            nonlocal files
            files = sum(isinstance(item, FileChange) for item in read_git_history(repository))

        reading = timed(read)
        sqlite = timed(lambda: collect("git", [repository]))
        # Last: the memory adapter keeps every record on the heap, which would slow what runs
        # after it.
        memory_uow = MemoryUnitOfWork()
        memory = timed(
            lambda: ingest(
                GITHUB,
                read_git_history(repository),
                memory_uow,
                IdentityHub(memory_uow),
                origin="bench",
            )
        )

    n = args.commits
    print(f"commits: {n:,}, file changes: {files:,}")
    for label, seconds in (
        ("git log --numstat alone", git_alone),
        ("read_git_history", reading),
        ("collect into memory", memory),
        ("collect into SQLite", sqlite),
    ):
        print(f"{label:<36}{seconds:7.1f} s {n / seconds:9,.0f} commits/s")
    print(f"{'read / git log alone':<36}{reading / git_alone:7.2f}x")
    print(f"{'collect into SQLite / git log alone':<36}{sqlite / git_alone:7.2f}x")
    print(f"{'collect into SQLite / memory':<36}{sqlite / memory:7.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
