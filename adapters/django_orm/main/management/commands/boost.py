import io
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from adapters.django_orm.main.boost_reports import (
    Report,
    ReportError,
    library_report,
    missing_headers_report,
    version_report,
)
from adapters.django_orm.main.errors import migrated_database


class Command(BaseCommand):
    help = (
        "Reports on the Boost trackers: `boost library NAME` (its dependencies and dependents per"
        " release), `boost version X.Y.Z` (which projects use which libraries of that release),"
        " `boost missing-headers` (included Boost headers that no collected library provides)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        library = reports.add_parser("library", help="a library's dependencies per release")
        library.add_argument("name", help='a library key ("functional/hash") or a module name')
        version = reports.add_parser("version", help="the projects using a Boost release")
        version.add_argument("version", help='a Boost release: "1.86.0", "1.86", "boost-1.86.0"')
        reports.add_parser("missing-headers", help="Boost headers no known library provides")
        for sub in (library, version, reports.choices["missing-headers"]):
            sub.add_argument("--json", action="store_true", help="print one JSON object")
            sub.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        database = options["database"]
        try:
            with migrated_database(options["database"]):
                match options["report"]:
                    case "library":
                        report = library_report(options["name"], database)
                    case "version":
                        report = version_report(options["version"], database)
                    case _:
                        report = missing_headers_report(database)
        except ReportError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report, sort_keys=True))
            return
        buffer = io.StringIO()
        console = Console(file=buffer, width=120)
        for table in _tables(options["report"], report):
            console.print(table)
        self.stdout.write(buffer.getvalue(), ending="")


def _tables(kind: str, report: Report) -> list[Table]:
    def listed(names: list[str]) -> str:
        return ", ".join(names) or "-"

    if kind == "library":
        title = f"{report['library']} (module {report['module']})"
        table = Table("release", "depends on", "used by", "added", "removed", title=title)
        for row in report["versions"]:
            table.add_row(
                row["version"],
                listed(row["dependencies"]),
                listed(row["dependents"]),
                listed(row["added"]),
                listed(row["removed"]),
            )
        return [table]
    if kind == "version":
        table = Table("project", "declared in", "libraries (files)", "unknown headers")
        table.title = f"projects using Boost {report['version']}"
        for project in report["projects"]:
            libraries = [f"{used['library']} ({used['files']})" for used in project["libraries"]]
            table.add_row(
                project["project"],
                project["declared_in"] or project["declared_by"],
                listed(libraries),
                listed(project["unknown_headers"]),
            )
        return [table]
    table = Table("header", "projects", "files", title="Boost headers no known library provides")
    for row in report["headers"]:
        table.add_row(row["header"], listed(row["projects"]), str(row["files"]))
    return [table]
