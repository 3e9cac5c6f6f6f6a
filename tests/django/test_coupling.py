"""``trackerhub coupling``: the inventory of this project read from its app registry, its
formats, ``--check`` with and without an allow file, ``--plan``, and another project's
inventory read in that project's own process."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from adapters.django_orm.coupling.inventory import runtime_inventory
from adapters.django_orm.coupling.plan import plan
from adapters.django_orm.coupling.relations import Relation, RelationKind

ROOT = Path(__file__).resolve().parents[2]
TRACKERS = (
    "mailing_lists",
    "github",
    "slack",
    "discord",
    "wg21",
    "youtube",
    "reddit",
    "boost_libraries",
    "boost_usage",
)


def coupling(*args: str) -> str:
    out = io.StringIO()
    call_command("coupling", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def trackers_only(relations: tuple[Relation, ...]) -> list[Relation]:
    return [r for r in relations if r.source_app in TRACKERS]


def test_every_tracker_reference_to_the_hub_is_a_soft_reference_with_its_column() -> None:
    relations = trackers_only(runtime_inventory().relations)

    assert relations and all(r.kind is RelationKind.SOFT_REFERENCE for r in relations)
    commit_author = next(r for r in relations if r.key == "github.Commit.author")
    assert commit_author == Relation(
        RelationKind.SOFT_REFERENCE,
        "github",
        "Commit",
        "author",
        "hub",
        "Profile",
        column="author_profile_id",
        nullable=True,
    )
    usage_repository = {r.key: r for r in relations}["boost_usage.Project.repository"]
    assert usage_repository.target == "github.Repository"


LEGACY = (
    "people",
    "activity",
    "libraries",
)  # tests/legacy: a project the seed's way, in the test settings


def test_given_the_project_apps_alone_then_no_hard_relation_crosses_them() -> None:
    hard = [r for r in runtime_inventory().hard if r.source_app not in LEGACY]

    assert hard == []


def test_the_legacy_apps_foreign_keys_and_inheritance_are_found_as_django_declares_them() -> None:
    legacy = {r.key: r for r in runtime_inventory().hard if r.source_app in LEGACY}

    kinds = {r.kind for r in legacy.values()}
    assert RelationKind.FOREIGN_KEY in kinds and RelationKind.INHERITANCE in kinds
    assert all(r.crosses_apps for r in legacy.values())
    cascade = [r for r in legacy.values() if r.on_delete == "CASCADE"]
    assert cascade and all(r.column for r in cascade)
    assert legacy["libraries.Note.about"] == Relation(
        RelationKind.GENERIC,
        "libraries",
        "Note",
        "about",
        "contenttypes",
        "ContentType",
        column="content_type_id, object_id",
        on_delete="CASCADE",
    )
    assert legacy["libraries.Library.maintainers"].through == "libraries.Library_maintainers"
    assert legacy["libraries.Maintainer.baseprofile_ptr"].kind is RelationKind.INHERITANCE


def test_check_fails_on_each_hard_relation_the_allow_file_does_not_list(tmp_path: Path) -> None:
    hard = runtime_inventory().hard
    assert hard, "the legacy test apps hold hard relations across apps"
    allow = tmp_path / "allow.txt"
    allow.write_text("# reviewed\n" + "\n".join(r.key for r in hard[1:]) + "\n")

    with pytest.raises(SystemExit) as refused:
        call_command("coupling", "--check", "--allow", str(allow), stderr=(err := io.StringIO()))

    assert refused.value.code == 1
    assert f"coupling: {hard[0].key}: {hard[0].kind.value} to {hard[0].target}" in err.getvalue()
    allow.write_text("\n".join(r.key for r in hard) + "\ngone.Model.field\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("coupling", "--check", "--allow", str(allow), stdout=out, stderr=err)
    assert "no hard relation across apps outside the allow file" in out.getvalue()
    assert "allowed but not found: gone.Model.field" in err.getvalue()


def test_a_bad_allow_file_is_one_line_naming_its_line(tmp_path: Path) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("hub.Profile.identity\nnot a key\n")

    with pytest.raises(CommandError, match=r"allow.txt:2: not app.Model.field: 'not a key'"):
        coupling("--check", "--allow", str(allow))
    with pytest.raises(CommandError, match="cannot read the allow file"):
        coupling("--check", "--allow", str(tmp_path / "missing.txt"))


def test_the_formats_hold_the_same_relations() -> None:
    inventory = runtime_inventory()
    keys = {r.key for r in inventory.relations}

    as_json = json.loads(coupling("--format", "json"))
    rows = list(csv.DictReader(io.StringIO(coupling("--format", "csv"))))
    markdown = coupling("--format", "markdown")
    mermaid = coupling("--format", "mermaid")

    assert {r["key"] for r in as_json["relations"]} == keys
    assert {
        f"{r['source_app']}.{r['source_model']}.{r['field']}"
        for r in rows
        if r["what"] == "relation"
    } == keys
    assert (
        markdown.startswith("# Coupling inventory")
        and "| soft_reference | github.Commit |" in markdown
    )
    assert (
        mermaid.startswith("flowchart LR")
        and 'app_github -.->|"Commit.author: soft_reference"| app_hub' in mermaid
    )


def test_the_plan_takes_every_hard_relation_lowest_risk_first_with_what_deleting_did() -> None:
    proposals = plan(runtime_inventory())

    assert {p.relation.key for p in proposals} == {r.key for r in runtime_inventory().hard}
    assert [p.risk for p in proposals] == sorted(p.risk for p in proposals)
    inheritance = [p for p in proposals if p.relation.kind is RelationKind.INHERITANCE]
    assert inheritance and all(p.risk == 5 and "composition" in p.replacement for p in inheritance)
    keys = (RelationKind.FOREIGN_KEY, RelationKind.ONE_TO_ONE)
    cascades = [
        p for p in proposals if p.relation.on_delete == "CASCADE" and p.relation.kind in keys
    ]
    assert cascades and all(
        "cascade across the app boundary" in p.deleting_target_did for p in cascades
    )
    text = coupling("--plan")
    assert text.startswith("# Decoupling plan") and "trackerhub decouple" in text


def test_another_project_is_read_in_its_own_process_by_its_settings_module(tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"

    call_command(
        "coupling",
        "--project-settings",
        "adapters.django_orm.settings",
        "--format",
        "json",
        "--output",
        str(out),
    )

    relations = json.loads(out.read_text())["relations"]
    assert any(r["key"] == "github.Commit.author" for r in relations)
    assert not any(r["source_app"] in LEGACY for r in relations)
    with pytest.raises(CommandError, match="cannot load the project no_such_settings"):
        coupling("--project-settings", "no_such_settings")


def test_the_project_itself_passes_coupling_check_with_no_allow_file() -> None:
    # The project's own settings, not the test run's (which add the legacy apps).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "trackerhub"), "coupling", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "no hard relation across apps" in done.stdout


def test_a_source_tree_is_inventoried_by_ast_and_checked_like_a_running_project(
    tmp_path: Path,
) -> None:
    seed = ROOT / "tests" / "fixtures" / "coupling" / "seed"
    broken = tmp_path / "tree"
    (broken / "app").mkdir(parents=True)
    (broken / "app" / "models.py").write_text("class Broken(:\n")

    inventory = json.loads(coupling("--static", str(seed), "--format", "json"))
    err = io.StringIO()
    with pytest.raises(SystemExit) as refused:
        call_command("coupling", "--static", str(seed), "--check", stderr=err)
    call_command(
        "coupling", "--static", str(broken), stdout=io.StringIO(), stderr=(e := io.StringIO())
    )

    hard = [r for r in inventory["relations"] if r["hard"]]
    assert hard and refused.value.code == 1
    assert all(f"coupling: {r['key']}:" in err.getvalue() for r in hard)
    assert "warning: app/models.py:1:" in e.getvalue()
    with pytest.raises(CommandError, match="not a folder"):
        coupling("--static", str(tmp_path / "missing"))
