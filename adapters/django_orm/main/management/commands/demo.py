import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from adapters.django_orm.main.bootstrap import collect
from adapters.django_orm.trackers import tracker_apps


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
                    records = sum(sum(c.values()) for c in summary.counts.values())
                    self.stdout.write(f"collected {source.name}: {records} records")
                    for problem in summary.problems:
                        self.stdout.write(f"  {problem}")
        call_command("stats", stdout=self.stdout, database=using)
