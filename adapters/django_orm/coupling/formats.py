"""The inventory and the plan as text: Markdown tables, CSV, JSON, a Mermaid graph."""

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence

import attrs

from adapters.django_orm.coupling.inventory import as_json
from adapters.django_orm.coupling.plan import Proposal
from adapters.django_orm.coupling.relations import ImportEdge, Inventory, Relation

FORMATS = ("markdown", "csv", "json", "mermaid")

_RELATION_COLUMNS = (
    "kind",
    "source_app",
    "source_model",
    "field",
    "column",
    "target_app",
    "target_model",
    "on_delete",
    "nullable",
    "through",
    "to_field",
    "declared_in",
)
_IMPORT_COLUMNS = ("source_app", "target_app", "module", "file", "line", "lazy")


def render(inventory: Inventory, fmt: str) -> str:
    match fmt:
        case "json":
            return json.dumps(as_json(inventory), indent=2, sort_keys=True) + "\n"
        case "csv":
            return _csv(inventory)
        case "mermaid":
            return _mermaid(inventory)
        case _:
            return _markdown(inventory)


def _value(item: Relation | ImportEdge, name: str) -> str:
    value = getattr(item, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") or " " for c in cells) + " |"

    return [line(head), "|" + "|".join("---" for _ in head) + "|", *map(line, rows)]


def _markdown(inventory: Inventory) -> str:
    hard = len(inventory.hard)
    soft = len(inventory.relations) - hard
    lines = [
        "# Coupling inventory",
        "",
        f"{hard} hard relation(s) and {soft} soft reference(s) across apps;"
        f" {len(inventory.imports)} import(s) across apps.",
        "",
        "## Relations across apps",
        "",
    ]
    rows = [
        [
            r.kind.value,
            r.source,
            r.field,
            r.column,
            r.target,
            r.on_delete,
            _value(r, "nullable"),
            r.through,
            r.to_field,
            r.declared_in,
        ]
        for r in inventory.relations
    ]
    head = (
        "kind",
        "source",
        "field",
        "column",
        "target",
        "on_delete",
        "null",
        "through",
        "to_field",
        "declared in",
    )
    lines += _table(head, rows) if rows else ["None."]
    lines += ["", "## Imports across apps", ""]
    imports = [
        [i.source_app, i.target_app, i.module, f"{i.file}:{i.line}", "lazy" if i.lazy else ""]
        for i in inventory.imports
    ]
    where = ("from app", "to app", "module", "where", "")
    lines += _table(where, imports) if imports else ["None."]
    return "\n".join(lines) + "\n"


def _csv(inventory: Inventory) -> str:
    """One row per relation and per import, under the union of their columns."""
    out = io.StringIO()
    head = ("what", *_RELATION_COLUMNS, *(c for c in _IMPORT_COLUMNS if c not in _RELATION_COLUMNS))
    writer = csv.DictWriter(out, head, restval="", lineterminator="\n")
    writer.writeheader()
    for r in inventory.relations:
        writer.writerow({"what": "relation", **{c: _value(r, c) for c in _RELATION_COLUMNS}})
    for i in inventory.imports:
        writer.writerow({"what": "import", **{c: _value(i, c) for c in _IMPORT_COLUMNS}})
    return out.getvalue()


def _node(app: str) -> str:
    return "app_" + "".join(c if c.isalnum() else "_" for c in app)


def _mermaid(inventory: Inventory) -> str:
    """Apps as nodes; a solid arrow per hard relation, a dashed one per soft reference, and a
    dotted arrow per pair of apps with imports, labelled with their count."""
    apps = sorted(
        {r.source_app for r in inventory.relations}
        | {r.target_app for r in inventory.relations}
        | {i.source_app for i in inventory.imports}
        | {i.target_app for i in inventory.imports}
    )
    lines = ["flowchart LR"]
    lines += [f'    {_node(app)}["{app}"]' for app in apps]
    for r in inventory.relations:
        label = f"{r.source_model}.{r.field}: {r.kind.value}"
        if r.on_delete:
            label += f" {r.on_delete}"
        arrow = "-->" if r.is_hard else "-.->"
        lines.append(f'    {_node(r.source_app)} {arrow}|"{label}"| {_node(r.target_app)}')
    pairs = Counter((i.source_app, i.target_app) for i in inventory.imports)
    for (source, target), n in sorted(pairs.items()):
        lines.append(f'    {_node(source)} -.-o|"{n} import(s)"| {_node(target)}')
    return "\n".join(lines) + "\n"


def render_plan(proposals: Sequence[Proposal], fmt: str) -> str:
    if fmt == "json":
        data = [
            {
                "relation": proposal.relation.key,
                "kind": proposal.relation.kind.value,
                "target": proposal.relation.target,
                "on_delete": proposal.relation.on_delete,
                **{k: v for k, v in attrs.asdict(proposal).items() if k != "relation"},
            }
            for proposal in proposals
        ]
        return json.dumps(data, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("risk", "relation", "kind", "target", "replacement", "did", "instead"))
        for p in proposals:
            r = p.relation
            row = (p.risk, r.key, r.kind.value, r.target, p.replacement, p.deleting_target_did)
            writer.writerow((*row, p.instead))
        return out.getvalue()
    lines = ["# Decoupling plan", "", "Lowest risk first.", ""]
    if not proposals:
        lines.append("No hard relation crosses an app boundary: nothing to do.")
    for n, p in enumerate(proposals, 1):
        r = p.relation
        on_delete = f", on_delete={r.on_delete}" if r.on_delete else ""
        lines += [
            f"## {n}. {r.key} ({r.kind.value} to {r.target}{on_delete}), risk {p.risk}",
            "",
            f"- Replace with: {p.replacement}.",
            f"- Until now, {p.deleting_target_did}.",
            f"- Instead: {p.instead}.",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
