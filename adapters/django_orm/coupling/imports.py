"""The imports between a project's apps, read from its source files by AST (nothing is imported).

Every ``import x.y`` and ``from x import y`` (relative ones resolved against the file's
package) in a file of one app that names a module of another app is an edge; one made inside a
function or method is ``lazy``: it runs only when the function does, so a reader of the
module's top misses it, and it is how code usually hides a cycle. Which modules are apps comes
from the caller (``apps`` maps an app's dotted module name to its label), so the static reader
and the runtime one share this.
"""

import ast
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import attrs

from adapters.django_orm.coupling.relations import ImportEdge

# Folders that hold no project code: tools' caches, virtual environments, installed packages.
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "env"})


def python_files(root: Path) -> Iterator[Path]:
    """The tree's ``.py`` files, in a stable order, skipping hidden and tool folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder) / name


@attrs.frozen
class Module:
    """A source file of the tree, parsed."""

    name: str  # dotted
    path: str  # relative to the root, for warnings and declared_in
    tree: ast.Module
    is_package: bool


@attrs.frozen
class Source:
    """A tree's files: those that parse, the names of all of them, and a ``file:line: reason``
    for each that does not."""

    modules: dict[str, Module]
    names: frozenset[str]
    warnings: list[str]


def parse_source(root: Path) -> Source:
    """Every ``.py`` file under ``root``, parsed once for every reader of the tree."""
    modules: dict[str, Module] = {}
    names: set[str] = set()
    warnings: list[str] = []
    for path in python_files(root):
        name = module_name(root, path)
        names.add(name)
        relative = path.relative_to(root).as_posix()
        try:
            tree = ast.parse(path.read_bytes(), filename=relative)
        except SyntaxError as error:
            warnings.append(f"{relative}:{error.lineno or 0}: syntax error: {error.msg}")
            continue
        except (ValueError, OSError) as error:  # a NUL byte, bad encoding, unreadable
            warnings.append(f"{relative}:0: unreadable: {error}")
            continue
        modules[name] = Module(name, relative, tree, path.name == "__init__.py")
    return Source(modules, frozenset(names), warnings)


def module_name(root: Path, path: Path) -> str:
    """``path``'s dotted module name; a ``src/`` layout's packages are importable from
    ``src``, so that folder is not part of the name."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if len(parts) > 1 and parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def app_of(module: str, apps: Mapping[str, str]) -> str | None:
    """The label of the app ``module`` belongs to (the longest app package holding it)."""
    best = ""
    for name in apps:
        if (module == name or module.startswith(name + ".")) and len(name) > len(best):
            best = name
    return apps[best] if best else None


def absolute(module: str, is_package: bool, level: int, target: str | None) -> str | None:
    """The absolute name of a ``from`` import's module, ``level`` dots up from ``module``."""
    if level == 0:
        return target
    package = module.split(".") if is_package else module.split(".")[:-1]
    up = level - 1
    if up >= len(package):
        return None  # beyond the top-level package: Python refuses it too
    return ".".join([*package[: len(package) - up], *([target] if target else [])])


@attrs.frozen
class Imported:
    module: str
    line: int
    lazy: bool


class _Reader(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules: frozenset[str]) -> None:
        self.module = module
        self.modules = modules
        self.is_package = is_package
        self.depth = 0  # how many functions enclose the node being read
        self.found: list[Imported] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append(Imported(alias.name, node.lineno, self.depth > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = absolute(self.module, self.is_package, node.level, node.module)
        if base is None:
            return
        for alias in node.names:
            # "from pkg import sub" imports the submodule when the tree has one, else a name.
            sub = f"{base}.{alias.name}"
            name = sub if sub in self.modules else base
            self.found.append(Imported(name, node.lineno, self.depth > 0))


def read_imports(module: Module, modules: frozenset[str]) -> list[Imported]:
    """Every import of the module (``modules``: the tree's, to tell a submodule from a name)."""
    reader = _Reader(module.name, module.is_package, modules)
    reader.visit(module.tree)
    return reader.found


def import_edges(root: Path, apps: Mapping[str, str]) -> list[ImportEdge]:
    """The imports under ``root`` from a module of one app to a module of another."""
    source = parse_source(root)
    return edges_in(source.modules.values(), source.names, apps)


def edges_in(
    modules: Iterable[Module], names: frozenset[str], apps: Mapping[str, str]
) -> list[ImportEdge]:
    """The imports of ``modules`` (of a tree whose module names are ``names``) from one app
    to another."""
    edges: list[ImportEdge] = []
    for module in sorted(modules, key=lambda m: m.path):
        source = app_of(module.name, apps)
        if source is None:
            continue
        seen: set[tuple[str, int]] = set()
        for imported in read_imports(module, names):
            target = app_of(imported.module, apps)
            if target is None or target == source or (imported.module, imported.line) in seen:
                continue
            seen.add((imported.module, imported.line))
            edges.append(
                ImportEdge(
                    source, target, imported.module, module.path, imported.line, imported.lazy
                )
            )
    return edges
