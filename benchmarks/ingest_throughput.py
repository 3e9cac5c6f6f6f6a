"""Ingest throughput, as ratios against baselines measured in the same run.

    uv run python -m benchmarks.ingest_throughput [--commits 20000]

1. Reading: ``read_git_history`` over a generated repository, against ``git log`` alone
   writing the same records to /dev/null (the floor no reader can beat).
2. Storing: the GitHub ingest of those commits into Django on SQLite (a file database),
   against the same ingest on the memory adapter (the cost of the domain logic alone).

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


def fast_import_stream(commits: int) -> bytes:
    lines: list[str] = []
    for i in range(commits):
        message = f"Change {i}\n\nCo-authored-by: Pair {i % 50} <pair{i % 50}@example.com>\n"
        data = message.encode()
        lines.append(
            "commit refs/heads/main\n"
            f"author Dev {i % 200} <dev{i % 200}@example.com> {1_600_000_000 + i} +0000\n"
            f"committer Dev {i % 200} <dev{i % 200}@example.com> {1_600_000_000 + i} +0000\n"
            f"data {len(data)}\n{message}\n"
        )
    return "".join(lines).encode()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")

    with tempfile.TemporaryDirectory() as scratch:
        repository = Path(scratch) / "bench.git"
        subprocess.run(["git", "init", "-q", "--bare", str(repository)], check=True)
        subprocess.run(
            ["git", "-C", str(repository), "fast-import", "--quiet"],
            input=fast_import_stream(args.commits),
            check=True,
        )
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"

        import django

        django.setup()
        from django.core.management import call_command

        from adapters.django_orm.github.repository import DjangoGitHubUnitOfWork
        from adapters.django_orm.main.bootstrap import identity_hub
        from adapters.memory import MemoryUnitOfWork
        from adapters.memory.github import MemoryGitHubUnitOfWork
        from core.identity import IdentityHub
        from trackers.github.ingest import ingest_github
        from trackers.github.sources.git_history import git_log_command, read_git_history

        call_command("migrate", verbosity=0)
        command = git_log_command(repository)
        git_alone = timed(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True))
        reading = timed(lambda: sum(1 for _ in read_git_history(repository)))
        memory = timed(
            lambda: ingest_github(
                read_git_history(repository),
                MemoryGitHubUnitOfWork(),
                IdentityHub(MemoryUnitOfWork()),
                origin="bench",
            )
        )
        django_sqlite = timed(
            lambda: ingest_github(
                read_git_history(repository),
                DjangoGitHubUnitOfWork(),
                identity_hub(),
                origin="bench",
            )
        )

    n = args.commits
    print(f"commits: {n}")
    print(f"read_git_history / git log alone: {reading / git_alone:.2f}x, {n / reading:,.0f}/s")
    ratio = django_sqlite / memory
    print(f"ingest, Django SQLite / memory:   {ratio:.2f}x, {n / django_sqlite:,.0f}/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
