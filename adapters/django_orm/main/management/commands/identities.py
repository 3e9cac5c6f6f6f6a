from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from adapters.django_orm.main.errors import migrated_database
from adapters.django_orm.main.identities import subcommands


class Command(BaseCommand):
    help = "Review and change who is who: identities, their profiles, recommendations, merges."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for subcommand in subcommands():
            sub = commands.add_parser(subcommand.name, help=subcommand.help)
            subcommand.arguments(sub)
            sub.add_argument("--json", action="store_true", help="print one JSON object")
            sub.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        [chosen] = [s for s in subcommands() if s.name == options["subcommand"]]
        with migrated_database(options["database"]):
            chosen.run(options, self.stdout)
