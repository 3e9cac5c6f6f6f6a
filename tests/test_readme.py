"""The README's "Adding a tracker" names only what the code has.

A guide that names a helper since renamed or removed sends the next tracker's author looking
for it, or writing it again. Every class, function and toolkit module the section names in
backticks is looked up here; the tracker it invents (``mastodon``) is not.
"""

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# Where the section's names live: the ports, the kit, the Django adapter's shared modules and
# the store contract suite's cases.
PACKAGES = ("core.protocols", "core.ingest", "core.sources")
SHARED_MODULES = (
    "adapters.django_orm.admin",
    "adapters.django_orm.fields",
    "adapters.django_orm.settings",
    "adapters.django_orm.trackers",
    "adapters.django_orm.tuple_items",
    "tests.contract.cases",
)
_CODE = re.compile(r"`([^`]+)`")
# A name, a dotted name, or a call of one (``NewerWins()``, ``Redact(("body",), ...)``).
_NAMED = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(.*\))?")


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def _modules() -> dict[str, list[ModuleType]]:
    """The modules of the packages and the shared ones, by their last name
    (``fields`` is the toolkit's and the adapter's)."""
    found: dict[str, list[ModuleType]] = {}
    names = [
        f"{package}.{info.name}"
        for package in PACKAGES
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__)
    ]
    for name in [*names, *SHARED_MODULES]:
        found.setdefault(name.rpartition(".")[2], []).append(importlib.import_module(name))
    return found


def _named(section: str) -> list[str]:
    """The names in backticks: CamelCase ones, dotted ones and calls, but not paths, commands,
    strings or what belongs to the invented tracker."""
    names = []
    for code in _CODE.findall(section):
        match = _NAMED.fullmatch(code)
        if match is None or "mastodon" in code.lower() or code.endswith(".py"):
            continue
        name = match.group(1)
        if "." in name or name[0].isupper():
            names.append(name)
    return names


def _imported(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _resolves(name: str, modules: dict[str, list[ModuleType]]) -> bool:
    if "." in name and _imported(name) is not None:  # a module: ``core.ingest``
        return True
    first, *rest = name.split(".")
    every = [module for same_named in modules.values() for module in same_named]
    owners: list[object] = [*modules.get(first, [])]
    owners += [vars(module)[first] for module in every if first in vars(module)]
    return any(_has(owner, rest) for owner in owners)


def _has(owner: object, attributes: list[str]) -> bool:
    for attribute in attributes:
        if not hasattr(owner, attribute):
            return False
        owner = getattr(owner, attribute)
    return True


def test_every_name_adding_a_tracker_gives_exists_in_the_code() -> None:
    modules = _modules()
    names = _named(_section("Adding a tracker"))
    assert len(names) > 20  # the section was found and read
    assert [name for name in names if not _resolves(name, modules)] == []


def test_every_toolkit_module_adding_a_tracker_lists_exists() -> None:
    section = _section("Adding a tracker")
    toolkit = section[section.index("Use the\n   toolkit") : section.index("`since` is")]
    listed = {code.partition(".")[0] for code in _CODE.findall(toolkit)} - {"core/sources/"}
    import core.sources

    modules = {info.name for info in pkgutil.iter_modules(core.sources.__path__)}
    assert len(listed) > 8
    assert listed - modules - {"Fields"} == set()


@pytest.mark.parametrize("name", ["files.not_a_folder", "NoSuchThing", "fields.Fields.nothing"])
def test_a_name_the_code_does_not_have_is_caught(name: str) -> None:
    assert not _resolves(name, _modules())
