"""``trackerhub coupling``: what ties a Django project's apps together, and a plan to untie it."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from adapters.django_orm.coupling.formats import FORMATS, render, render_plan
from adapters.django_orm.coupling.inventory import from_json, runtime_inventory
from adapters.django_orm.coupling.plan import plan
from adapters.django_orm.coupling.relations import Inventory


def read_allow_file(path: Path) -> set[str]:
    """The relations an allow file lists, one ``app.Model.field`` per line (``#`` comments)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read the allow file {path}: {error}") from None
    allowed: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.partition("#")[0].strip()
        if not entry:
            continue
        if entry.count(".") != 2 or any(not part for part in entry.split(".")):
            raise CommandError(f"{path}:{number}: not app.Model.field: {entry!r}")
        allowed.add(entry)
    return allowed


class Command(BaseCommand):
    help = (
        "Every relation between models of different apps (foreign keys, one-to-ones, "
        "many-to-manys and their through models, multi-table inheritance, generic relations, "
        "soft references) and every import between apps. --check fails on a hard relation "
        "the allow file does not list; --plan proposes how to replace each one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="markdown")
        parser.add_argument(
            "--check",
            action="store_true",
            help="exit 1 if a hard relation crosses apps and the allow file does not list it",
        )
        parser.add_argument(
            "--allow",
            type=Path,
            metavar="FILE",
            help="relations allowed, one app.Model.field a line",
        )
        parser.add_argument(
            "--plan", action="store_true", help="propose a replacement for each hard relation"
        )
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--static",
            type=Path,
            metavar="PATH",
            help="read another project's source tree by AST, without importing it",
        )
        where.add_argument(
            "--project-settings",
            metavar="MODULE",
            help="inventory another project, importing it by its settings module (run in its"
            " environment; --pythonpath names the folder it imports from)",
        )
        parser.add_argument(
            "--include-django", action="store_true", help="report Django's own apps too"
        )
        parser.add_argument("--output", type=Path, metavar="FILE", help="write there, not stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        allowed = read_allow_file(options["allow"]) if options["allow"] else set()
        inventory = self._inventory(options)
        text = (
            render_plan(plan(inventory), options["format"])
            if options["plan"]
            else render(inventory, options["format"])
        )
        if options["output"]:
            try:
                options["output"].write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"cannot write {options['output']}: {error}") from None
        elif not options["check"]:
            self.stdout.write(text, ending="")
        if options["check"]:
            self._check(inventory, allowed)

    def _inventory(self, options: dict[str, Any]) -> Inventory:
        if options["static"] is not None:
            from adapters.django_orm.coupling.static import static_inventory

            root: Path = options["static"]
            if not root.is_dir():
                raise CommandError(f"{root}: not a folder")
            inventory, warnings = static_inventory(root)
            for warning in warnings:
                self.stderr.write(f"warning: {warning}")
            return inventory
        if options["project_settings"]:
            return self._other_project(options)
        return runtime_inventory(options["include_django"])

    def _other_project(self, options: dict[str, Any]) -> Inventory:
        """The project's own process imports it: this one runs trackerhub's settings."""
        command = [
            sys.executable,
            "-m",
            "adapters.django_orm.coupling.inventory",
            "--settings",
            options["project_settings"],
        ]
        if options["pythonpath"]:
            command += ["--pythonpath", options["pythonpath"]]
        if options["include_django"]:
            command.append("--include-django")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["no output"]
            raise CommandError(
                f"cannot load the project {options['project_settings']}: {lines[-1]}"
            )
        return from_json(json.loads(done.stdout))

    def _check(self, inventory: Inventory, allowed: set[str]) -> None:
        hard = inventory.hard
        refused = [r for r in hard if r.key not in allowed]
        stale = sorted(allowed - {r.key for r in hard})
        for key in stale:
            self.stderr.write(f"warning: allowed but not found: {key}")
        for r in refused:
            on_delete = f", on_delete={r.on_delete}" if r.on_delete else ""
            self.stderr.write(
                f"coupling: {r.key}: {r.kind.value} to {r.target}{on_delete} crosses apps"
                " and is not in the allow file"
            )
        if refused:
            sys.exit(1)
        self.stdout.write(
            f"coupling --check: no hard relation across apps outside the allow file"
            f" ({len(hard)} allowed, {len(inventory.relations) - len(hard)} soft reference(s))"
        )
