import io
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from adapters.django_orm.main.errors import migrated_database
from adapters.django_orm.main.orphans import NO_HUB, NOT_FIXABLE, fix, hub_installed, report, scan


class Command(BaseCommand):
    help = (
        "List the tracker references to profiles the identity hub does not hold, per"
        ' "<tracker>.<model>.<field>"; --fix empties them (NULL, or the child row deleted).'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fix",
            action="store_true",
            help="set orphan references to NULL, delete orphan child rows",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        if not hub_installed():
            if options["json"]:
                self.stdout.write(json.dumps({"orphans": {}, "total": 0, "skipped": NO_HUB}))
            else:
                self.stdout.write(NO_HUB)
            return
        with migrated_database(using):
            found = scan(using)
            fixed = fix(found, using) if options["fix"] else None
        result = report(found, fixed)
        if options["json"]:
            self.stdout.write(json.dumps(result, sort_keys=True))
            return
        self.stdout.write(_text(result), ending="")


def _text(result: dict[str, Any]) -> str:
    orphans: dict[str, dict[str, Any]] = result["orphans"]
    if not orphans:
        return "no orphan references: every referenced profile exists\n"
    table = Table("reference", "rows", "missing profiles", "e.g.", "fix", title="orphan references")
    for name, entry in orphans.items():
        examples = ", ".join(str(i) for i in entry["examples"])
        if entry["missing_profiles"] > len(entry["examples"]):
            examples += ", ..."
        table.add_row(
            name, str(entry["rows"]), str(entry["missing_profiles"]), examples, entry["fix"]
        )
    buffer = io.StringIO()
    Console(file=buffer, width=120).print(table)
    lines = [buffer.getvalue().rstrip("\n"), f"total: {_rows(result['total'])}"]
    for name, done in result.get("fixed", {}).items():
        if done["action"] == NOT_FIXABLE:
            lines.append(f"not fixed {name}: the column cannot be NULL")
        else:
            lines.append(f"fixed {name}: {_rows(done['rows'])} {done['action']}")
    return "\n".join(lines) + "\n"


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"
