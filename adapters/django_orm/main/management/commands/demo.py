import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from adapters.django_orm.main.sources import SOURCES

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class Command(BaseCommand):
    help = (
        "The main job on the bundled sample: create or update the database, collect a small "
        "sample of every source (mbox, HyperKitty, GitHub REST JSON, git history), then print "
        "the stats."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        call_command("migrate", verbosity=0, interactive=False, database=using)
        with tempfile.TemporaryDirectory(prefix="trackerhub-sample-") as scratch:
            runs = [
                ("mbox", [SAMPLES / "boost.mbox"]),
                ("hyperkitty-json", [SAMPLES / "boost-users-hyperkitty.json"]),
                ("github-json", [SAMPLES / "github"]),
            ]
            repository = self._sample_repository(Path(scratch))
            if repository is not None:
                runs.append(("git", [repository]))
            for name, paths in runs:
                summary = SOURCES[name].collect(paths, using, lambda n: None)
                records = sum(sum(c.values()) for c in summary.counts.values())
                self.stdout.write(f"collected {name}: {records} records")
                for problem in summary.problems:
                    self.stdout.write(f"  {problem}")
        call_command("stats", stdout=self.stdout, database=using)

    def _sample_repository(self, scratch: Path) -> Path | None:
        """The sample git history, rebuilt from its fast-import stream: a repository cannot
        ship inside another one."""
        git = shutil.which("git")
        if git is None:
            self.stderr.write("git is not installed: the git sample is left out")
            return None
        repository = scratch / "filesystem.git"
        subprocess.run([git, "init", "--quiet", "--bare", str(repository)], check=True)
        with (SAMPLES / "sample-repository.fi").open("rb") as stream:
            subprocess.run(
                [git, "-C", str(repository), "fast-import", "--quiet"], stdin=stream, check=True
            )
        return repository
