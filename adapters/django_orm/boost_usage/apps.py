import os
import shutil
import subprocess
from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.boost_usage.ingest import BOOST_USAGE

# The sample web application's clone, as the demo builds it: a project on GitHub.
SAMPLE_REMOTE = "https://github.com/example-org/webapp.git"


class BoostUsageConfig(trackers.TrackerAppConfig):
    """Boost usage in C and C++ projects. A project names its GitHub repository by the GitHub
    tracker's key, not joined, and its owner is a soft reference to a hub profile, so each
    table stores on its own."""

    verbose_name = "Boost usage"
    tracker = BOOST_USAGE
    sample_paths = {"boost-usage": ("webapp", "vendored")}

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        return [
            (
                source,
                [_as_clone(path, scratch) if path.name == "webapp" else path for path in paths],
            )
            for source, paths in super().samples(scratch)
        ]


def _as_clone(folder: Path, scratch: Path) -> Path:
    """The sample folder as a clone of a GitHub repository, built in ``scratch``: a work tree
    cannot ship inside another repository. The folder as it is without git."""
    git = shutil.which("git")
    if git is None:
        return folder
    clone = scratch / folder.name
    shutil.copytree(folder, clone)
    subprocess.run([git, "init", "--quiet", str(clone)], check=True)
    subprocess.run([git, "-C", str(clone), "remote", "add", "origin", SAMPLE_REMOTE], check=True)
    # The folders' times as bundled (copytree keeps the files'): the tree is the same one each
    # time, so a second demo finds the project unchanged.
    for copied in sorted(clone.rglob("*"), reverse=True):
        bundled = folder / copied.relative_to(clone)
        if copied.is_dir() and bundled.is_dir():
            times = bundled.stat()
            os.utime(copied, ns=(times.st_atime_ns, times.st_mtime_ns))
    times = folder.stat()
    os.utime(clone, ns=(times.st_atime_ns, times.st_mtime_ns))
    return clone
