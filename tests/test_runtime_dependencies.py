"""What the product imports at run time is installed without the dev group: every library a
module of core, trackers or adapters imports is a runtime dependency, or one of theirs."""

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "trackers", "adapters")


def runtime_distributions() -> set[str]:
    """The distributions [project.dependencies] installs, theirs included."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    pending = [_name(requirement) for requirement in project["dependencies"]]
    found: set[str] = set()
    while pending:
        name = pending.pop()
        if name in found:
            continue
        try:
            needs = requires(name) or []
        except PackageNotFoundError:  # a dependency of another platform (tzdata on Windows)
            continue
        found.add(name)
        pending.extend(_name(r) for r in needs if "extra ==" not in r)
    return found


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def imported_modules() -> dict[str, str]:
    """Every top-level module the product imports, with one file that imports it."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in (REPO_ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(REPO_ROOT)))
    return found


def test_every_library_the_product_imports_is_a_runtime_dependency() -> None:
    distributions = packages_distributions()
    runtime = runtime_distributions()

    missing = {
        module: where
        for module, where in imported_modules().items()
        if module not in sys.stdlib_module_names
        and module not in PACKAGES
        and not any(_name(d) in runtime for d in distributions.get(module, [module]))
    }

    assert missing == {}
