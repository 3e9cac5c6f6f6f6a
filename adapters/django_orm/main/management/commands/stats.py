import io
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from adapters.django_orm.main.bootstrap import stats
from adapters.django_orm.main.errors import migrated_database


class Command(BaseCommand):
    help = "Print how many records, profiles and identities the database holds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        with migrated_database(options["database"]):
            counts = stats(options["database"])
        if options["json"]:
            self.stdout.write(json.dumps(counts, sort_keys=True))
            return
        table = Table("what", "count", title="trackerhub")
        for section in ("records", "profiles"):
            section_counts = counts[section]
            assert isinstance(section_counts, dict)
            for name, n in section_counts.items():
                table.add_row(f"{section}: {name}", str(n))
        table.add_row("identities", str(counts["identities"]))
        table.add_row("open recommendations", str(counts["recommendations_open"]))
        table.add_row("orphan references", str(counts["orphans"]))
        buffer = io.StringIO()
        Console(file=buffer, width=80).print(table)
        self.stdout.write(buffer.getvalue(), ending="")
