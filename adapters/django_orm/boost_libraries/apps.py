import shutil
import subprocess
from pathlib import Path

# The module, not the class: Django takes the one AppConfig subclass an apps module holds.
from adapters.django_orm import trackers
from core.protocols.trackers import Source
from trackers.boost_libraries.ingest import BOOST_LIBRARIES

SAMPLES = Path(__file__).resolve().parent / "samples"
# The sample mirror: the super-project first, then each module's repository beside it.
SAMPLE_REPOSITORIES = ("boost", "assert", "config", "core", "json")


class BoostLibrariesConfig(trackers.TrackerAppConfig):
    """Boost libraries. Authors and maintainers are soft references to hub profiles, a module's
    repository the GitHub tracker's key; rows name each other by key, so each table stores on
    its own."""

    verbose_name = "Boost libraries"
    tracker = BOOST_LIBRARIES

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        found = super().samples(scratch)
        super_project = _sample_mirror(scratch)
        if super_project is not None:
            (source,) = BOOST_LIBRARIES.sources
            found.append((source, [super_project]))
        return found


def _sample_mirror(scratch: Path) -> Path | None:
    """The sample organisation mirror, each repository rebuilt from its fast-import stream (a
    repository cannot ship inside another one): ``boost.git`` and the modules' ``<name>.git``
    beside it. None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    mirror = scratch / "boostorg"
    for name in SAMPLE_REPOSITORIES:
        repository = mirror / f"{name}.git"
        subprocess.run([git, "init", "--quiet", "--bare", str(repository)], check=True)
        with (SAMPLES / f"{name}.fi").open("rb") as stream:
            subprocess.run(
                [git, "-C", str(repository), "fast-import", "--quiet"], stdin=stream, check=True
            )
    return mirror / "boost.git"
