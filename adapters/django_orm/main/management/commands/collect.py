import io
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from adapters.django_orm.main.sources import SOURCES
from core.protocols.ingest import IngestSummary, Outcome


class Command(BaseCommand):
    help = (
        "Ingest activity from files. Prints what was added, updated, unchanged and skipped per "
        "record type, and each error with file, position and reason. Exits non-zero when "
        "nothing could be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            choices=sorted(SOURCES),
            help="; ".join(f"{s.name}: {s.help}" for s in SOURCES.values()),
        )
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        source = SOURCES[options["source"]]
        paths: list[Path] = options["paths"]
        # Progress only on a terminal: scripts and pipes get the summary alone.
        if sys.stderr.isatty() and not options["json"]:
            with Progress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                TextColumn("{task.completed} items"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            ) as progress:
                task = progress.add_task(f"collect {source.name}", total=None)
                summary = source.collect(
                    paths, options["database"], lambda n: progress.advance(task, n)
                )
        else:
            summary = source.collect(paths, options["database"], lambda n: None)

        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), sort_keys=True))
        else:
            self.stdout.write(render(summary), ending="")
        if nothing_read(summary):
            sys.exit(1)


def nothing_read(summary: IngestSummary) -> bool:
    """No record could be read, and there was something wrong: a skipped record is not a
    read one. (An empty archive is read fine: it holds nothing.)"""
    read = sum(
        counter[outcome]
        for counter in summary.counts.values()
        for outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.UNCHANGED)
    )
    return read == 0 and (summary.files_read == 0 or bool(summary.problems))


def render(summary: IngestSummary) -> str:
    table = Table("record type", *(o.value for o in Outcome), title="collected")
    for record_type, counter in sorted(summary.counts.items()):
        table.add_row(record_type, *(str(counter[o]) for o in Outcome))
    buffer = io.StringIO()
    console = Console(file=buffer, width=100)
    console.print(table)
    console.print(f"files read: {summary.files_read}")
    # One line per error, never wrapped: people grep these.
    errors = "".join(f"error: {problem}\n" for problem in summary.problems)
    return buffer.getvalue() + errors
