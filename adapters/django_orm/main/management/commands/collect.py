import io
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from adapters.django_orm.main.bootstrap import collect
from adapters.django_orm.main.errors import migrated_database
from adapters.django_orm.trackers import sources
from core.ingest import IngestSummary
from core.protocols.ingest import Outcome


class Command(BaseCommand):
    help = (
        "Ingest activity from files. Prints what was added, updated, unchanged and skipped per "
        "record type, and each error with file, position and reason. A file or repository read "
        "before is read only for what changed since, unless --full. Exits non-zero when "
        "nothing could be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        known = sources()
        parser.add_argument(
            "source",
            choices=sorted(known),
            help="; ".join(f"{name}: {source.help}" for name, (_, source) in sorted(known.items())),
        )
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--full", action="store_true", help="read everything again, even what is unchanged"
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["source"]
        paths: list[Path] = options["paths"]
        summary = IngestSummary()
        run = {
            "paths": paths,
            "using": options["database"],
            "full": options["full"],
            "summary": summary,
        }
        try:
            # Errors while writing a batch are in the summary; one out of here came before
            # any: the checkpoints or the hub's outbox could not be read.
            with migrated_database(options["database"]):
                self._collect(name, run, progress=sys.stderr.isatty() and not options["json"])
        except KeyboardInterrupt:
            # The batch being written was rolled back; the summary holds what was stored.
            self._report(summary, options["json"])
            self.stderr.write("interrupted: the batch being written was rolled back")
            sys.exit(130)
        self._report(summary, options["json"])
        if nothing_read(summary):
            sys.exit(1)

    def _collect(self, name: str, run: dict[str, Any], *, progress: bool) -> None:
        # Progress only on a terminal: scripts and pipes get the summary alone.
        if progress:
            with Progress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                TextColumn("{task.completed} items"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            ) as bar:
                task = bar.add_task(f"collect {name}", total=None)
                collect(name, **run, advance=lambda n: bar.advance(task, n))
        else:
            collect(name, **run)

    def _report(self, summary: IngestSummary, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(summary.as_dict(), sort_keys=True))
        else:
            self.stdout.write(render(summary), ending="")


def nothing_read(summary: IngestSummary) -> bool:
    """No record could be read, and there was something wrong: a skipped record is not a
    read one. (An empty archive is read fine: it holds nothing; a file read before and
    unchanged was read then.)"""
    if summary.records_read() or summary.already_read:
        return False
    return summary.files_read == 0 or bool(summary.problems)


def render(summary: IngestSummary) -> str:
    table = Table("record type", *(o.value for o in Outcome), title="collected")
    for record_type, counter in sorted(summary.counts.items()):
        table.add_row(record_type, *(str(counter[o]) for o in Outcome))
    buffer = io.StringIO()
    console = Console(file=buffer, width=100)
    console.print(table)
    console.print(f"files read: {summary.files_read}")
    if summary.already_read:
        console.print(f"already read, unchanged since: {len(summary.already_read)}")
    # One line per error, never wrapped: people grep these.
    errors = "".join(f"error: {problem}\n" for problem in summary.problems)
    return buffer.getvalue() + errors
