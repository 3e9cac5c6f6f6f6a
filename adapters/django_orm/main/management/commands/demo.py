import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from adapters.django_orm.main.bootstrap import collect
from adapters.django_orm.trackers import tracker_apps
from core.ingest import IngestSummary
from core.protocols.ingest import Outcome


def what_changed(summary: IngestSummary) -> str:
    """``4 records added, 0 updated, 1 unchanged; 1 file already read``: what the run did and
    what was already there."""
    total = {
        outcome: sum(counts[outcome] for counts in summary.counts.values()) for outcome in Outcome
    }
    said = (
        f"{total[Outcome.ADDED]} records added, {total[Outcome.UPDATED]} updated,"
        f" {total[Outcome.UNCHANGED]} already there"
    )
    if total[Outcome.SKIPPED]:
        said += f", {total[Outcome.SKIPPED]} skipped"
    if summary.already_read:
        count = len(summary.already_read)
        said += f"; {count} {'file' if count == 1 else 'files'} already read, unchanged since"
    return said


class Command(BaseCommand):
    help = (
        "The main job on the bundled sample: create or update the database, collect the small "
        "sample every installed tracker bundles (mbox, HyperKitty, GitHub REST JSON, git "
        "history), then print the stats."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        call_command("migrate", verbosity=0, interactive=False, database=using)
        with tempfile.TemporaryDirectory(prefix="trackerhub-sample-") as scratch:
            for app in tracker_apps():
                for source, paths in app.samples(Path(scratch)):
                    summary = collect(source.name, paths, using)
                    self.stdout.write(f"collected {source.name}: {what_changed(summary)}")
                    for problem in summary.problems:
                        self.stdout.write(f"  {problem}")
        call_command("stats", stdout=self.stdout, database=using)
