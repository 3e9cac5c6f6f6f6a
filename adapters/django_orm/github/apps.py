import shutil
import subprocess
from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.github.ingest import GITHUB

SAMPLES = Path(__file__).resolve().parent / "samples"


class GitHubConfig(trackers.TrackerAppConfig):
    """GitHub activity. People are soft references to hub profiles; repositories are named by
    their key, not joined, so each table stores on its own."""

    verbose_name = "GitHub"
    tracker = GITHUB
    sample_paths = {"github-json": ("rest",)}

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        found = super().samples(scratch)
        repository = _sample_repository(scratch)
        if repository is not None:
            (git,) = (source for source in GITHUB.sources if source.name == "git")
            found.append((git, [repository]))
        return found


def _sample_repository(scratch: Path) -> Path | None:
    """The sample git history, rebuilt from its fast-import stream: a repository cannot ship
    inside another one. None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    repository = scratch / "filesystem.git"
    subprocess.run([git, "init", "--quiet", "--bare", str(repository)], check=True)
    with (SAMPLES / "sample-repository.fi").open("rb") as stream:
        subprocess.run(
            [git, "-C", str(repository), "fast-import", "--quiet"], stdin=stream, check=True
        )
    return repository
