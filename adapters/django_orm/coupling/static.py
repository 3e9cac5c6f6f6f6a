"""The coupling inventory of a Django source tree, read by AST: nothing of it is imported, so a
team can inventory a project whose dependencies are not installed.

Apps are the folders holding a ``models.py`` or a ``models/`` package; an app's label is its
``AppConfig.label`` (read from ``apps.py``), else the last part of its ``AppConfig.name``, else
the folder's name. A model is a class deriving, through any chain of bases in the tree, from
``django.db.models.Model``; names are followed through imports (aliased, relative, re-exported
by a package's ``__init__``), as Python would. The relations are read the way Django builds
them: fields of abstract bases are the concrete subclass's (a relative ``"Model"`` string or
``"self"`` then means the subclass's app and the subclass), a concrete base makes a parent link
``<parent>_ptr``, an auto-created through model is ``<app>.<Model>_<field>``. Fields on a plain
Python mixin are not fields for Django (its metaclass only reads models' own attributes), so
they are reported as a warning, not as relations.

What it cannot resolve (a file that does not parse, a target it cannot find, a base outside the
tree) becomes a ``file:line: reason`` warning; a bad file never stops the inventory.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs

from adapters.django_orm.coupling.imports import Module, edges_in, parse_source
from adapters.django_orm.coupling.relations import (
    ImportEdge,
    Inventory,
    Relation,
    RelationKind,
    sorted_inventory,
)

MODEL = "django.db.models.Model"
# What each of Django's relation fields is, by every name Django exports it under.
FIELDS = {
    "django.db.models.ForeignKey": "fk",
    "django.db.models.OneToOneField": "o2o",
    "django.db.models.ManyToManyField": "m2m",
    "django.contrib.contenttypes.fields.GenericForeignKey": "gfk",
    "django.contrib.contenttypes.fields.GenericRelation": "generic",
}
ALIASES = {
    "django.db.models.base.Model": MODEL,
    "django.db.models.fields.related.ForeignKey": "django.db.models.ForeignKey",
    "django.db.models.fields.related.OneToOneField": "django.db.models.OneToOneField",
    "django.db.models.fields.related.ManyToManyField": "django.db.models.ManyToManyField",
}
SETTINGS = "django.conf.settings"
GET_USER = "django.contrib.auth.get_user_model"
# The abstract models Django ships that declare relations, as subclasses inherit them.
_PERMISSIONS = (("groups", "auth", "Group"), ("user_permissions", "auth", "Permission"))
DJANGO_ABSTRACT = {
    "django.contrib.auth.models.AbstractUser": _PERMISSIONS,
    "django.contrib.auth.models.PermissionsMixin": _PERMISSIONS,
    "django.contrib.auth.base_user.AbstractBaseUser": (),
    "django.contrib.auth.models.AbstractBaseUser": (),
}


@attrs.frozen
class Ext:
    """A name from outside the tree, as its dotted path."""

    dotted: str


@attrs.frozen
class Mod:
    """A module of the tree."""

    name: str


@attrs.frozen
class Cls:
    """A class of the tree: ``module``'s top-level ``name``."""

    module: str
    name: str


type Ref = Ext | Mod | Cls


@attrs.frozen
class Decl:
    """A field as a class body declares it: ``name = call`` in class ``owner``."""

    name: str
    call: ast.Call
    owner: Cls
    line: int


@attrs.frozen
class Builtin:
    """A relation field one of Django's abstract models gives its subclasses."""

    app: str
    model: str
    origin: str


@attrs.frozen
class Meta:
    abstract: bool = False
    proxy: bool = False
    app_label: str = ""


class _Tree:
    """The parsed tree and Python's name resolution over it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = parse_source(root)
        self.warnings: list[str] = list(self.source.warnings)
        self.modules: dict[str, Module] = self.source.modules
        self.classes = {
            Cls(name, node.name): node
            for name, module in self.modules.items()
            for node in self._top(module.tree.body)
            if isinstance(node, ast.ClassDef)
        }
        # Module-level functions, for field factories (``def _owner(): return ForeignKey(...)``).
        self.functions = {
            Cls(name, node.name): node
            for name, module in self.modules.items()
            for node in module.tree.body
            if isinstance(node, ast.FunctionDef)
        }
        self.bindings = {name: self._bindings(module) for name, module in self.modules.items()}
        self.stars = {name: self._stars(module) for name, module in self.modules.items()}

    def _top(self, body: list[ast.stmt]) -> Iterator[ast.stmt]:
        """A module's top-level statements, including those under ``if``/``try`` (e.g. an
        ``if TYPE_CHECKING:`` import), as Python binds them."""
        for node in body:
            yield node
            if isinstance(node, ast.If):
                yield from self._top(node.body)
                yield from self._top(node.orelse)
            elif isinstance(node, ast.Try):
                for block in (node.body, node.orelse, node.finalbody):
                    yield from self._top(block)
                for handler in node.handlers:
                    yield from self._top(handler.body)

    def absolute(self, module: Module, level: int, target: str | None) -> str | None:
        if level == 0:
            return target
        package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
        if level - 1 >= len(package):
            return None
        return ".".join([*package[: len(package) - level + 1], *([target] if target else [])])

    def _bindings(self, module: Module) -> dict[str, Ref | str]:
        """Top-level name -> what it refers to (a dotted import path as a ``str``, resolved
        on use, since the module it names may not be read yet)."""
        names: dict[str, Ref | str] = {}
        for node in self._top(module.tree.body):
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                names[node.name] = Cls(module.name, node.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        names[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = top
            elif isinstance(node, ast.ImportFrom):
                base = self.absolute(module, node.level, node.module)
                for alias in node.names:
                    if base is not None and alias.name != "*":
                        names[alias.asname or alias.name] = f"{base}.{alias.name}"
        return names

    def _stars(self, module: Module) -> list[str]:
        return [
            base
            for node in self._top(module.tree.body)
            if isinstance(node, ast.ImportFrom)
            and any(alias.name == "*" for alias in node.names)
            and (base := self.absolute(module, node.level, node.module)) is not None
        ]

    def name_in(self, module: str, name: str, seen: frozenset[str] = frozenset()) -> Ref | None:
        """What ``name`` means at the top of ``module`` (a submodule when nothing binds it)."""
        key = f"{module}:{name}"
        if key in seen:
            return None
        seen = seen | {key}
        bound = self.bindings[module].get(name)
        if isinstance(bound, str):
            return self.dotted(bound, seen)
        if bound is not None:
            return bound
        for star in self.stars[module]:
            if star in self.modules and (found := self.name_in(star, name, seen)) is not None:
                return found
        if f"{module}.{name}" in self.modules:
            return Mod(f"{module}.{name}")
        return None

    def dotted(self, dotted: str, seen: frozenset[str] = frozenset()) -> Ref | None:
        """What an import path names: a module of the tree, a name in one, or an outside one."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            head = ".".join(parts[:cut])
            if head in self.modules:
                ref: Ref | None = Mod(head)
                for part in parts[cut:]:
                    ref = self.attribute(ref, part, seen)
                return ref
        return Ext(ALIASES.get(dotted, dotted))

    def attribute(
        self, ref: Ref | None, attr: str, seen: frozenset[str] = frozenset()
    ) -> Ref | None:
        if isinstance(ref, Mod):
            return self.name_in(ref.name, attr, seen)
        if isinstance(ref, Ext):
            dotted = f"{ref.dotted}.{attr}"
            return Ext(ALIASES.get(dotted, dotted))
        return None  # an attribute of a class: not something a model or field is named by

    def expr(self, module: str, node: ast.expr) -> Ref | None:
        """What a name or dotted expression in ``module`` refers to."""
        if isinstance(node, ast.Name):
            bound = self.name_in(module, node.id)
            if bound is None and node.id in {"object", "Generic", "Protocol"}:
                return Ext(f"builtins.{node.id}")
            return bound
        if isinstance(node, ast.Attribute):
            return self.attribute(self.expr(module, node.value), node.attr)
        if isinstance(node, ast.Subscript):  # models.ForeignKey["User"], Generic[T]
            return self.expr(module, node.value)
        return None

    def classdef(self, cls: Cls) -> ast.ClassDef:
        return self.classes[cls]

    def where(self, module: str, line: int) -> str:
        return f"{self.modules[module].path}:{line}"


def _base_name(node: ast.expr) -> str:
    """A class's base as written: ``AppConfig``, ``apps.AppConfig`` -> its last name."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _constant(node: ast.expr | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    if (found := _keyword(call, name)) is not None:
        return found
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    return positional[position] if len(positional) > position else None


def _text(call: ast.Call, name: str) -> str:
    value = _constant(_keyword(call, name))
    return value if isinstance(value, str) else ""


def _meta(node: ast.ClassDef) -> Meta:
    for inner in node.body:
        if isinstance(inner, ast.ClassDef) and inner.name == "Meta":
            values: dict[str, object] = {}
            for statement in inner.body:
                if isinstance(statement, ast.Assign):
                    for target in statement.targets:
                        if isinstance(target, ast.Name):
                            values[target.id] = _constant(statement.value)
            label = values.get("app_label")
            return Meta(
                values.get("abstract") is True,
                values.get("proxy") is True,
                label if isinstance(label, str) else "",
            )
    return Meta()


def _outside_model(dotted: str) -> bool:
    """A class from a ``models`` module outside the tree (a library's base model, such as
    ``model_utils.models.TimeStampedModel``): Django's own are known exactly, not guessed."""
    parts = dotted.split(".")
    return parts[0] not in {"django", "builtins"} and "models" in parts[:-1]


class _Project:
    """The apps, models and relations of a parsed tree."""

    def __init__(self, tree: _Tree) -> None:
        self.tree = tree
        self.warnings = tree.warnings
        self.apps = self._apps()
        self.user_model = self._user_model()
        self._bases: dict[Cls, list[tuple[ast.expr, Ref | None]]] = {}
        self.models: dict[Cls, Meta] = {}
        for cls, node in tree.classes.items():
            if self._derives(cls, {MODEL, *DJANGO_ABSTRACT}):
                self.models[cls] = _meta(node)

    # -- apps and settings

    def _apps(self) -> dict[str, str]:
        """App module -> label."""
        found: dict[str, str] = {}
        for name in sorted(self.tree.modules):
            parent, _, leaf = name.rpartition(".")
            if leaf != "models" or not parent:
                continue
            config = self.tree.modules.get(f"{parent}.apps")
            label, declared = self._config(config) if config else ("", "")
            found[parent] = label or (declared or parent).rpartition(".")[2]
        labels: dict[str, str] = {}
        for app, label in found.items():
            if label in labels:
                self.warnings.append(
                    f"{self.tree.modules[app + '.models'].path}:1: app label {label!r} is "
                    f"also {labels[label]}'s"
                )
            labels[label] = app
        return found

    def _config(self, module: Module) -> tuple[str, str]:
        """``(label, name)`` of the AppConfig Django picks from an ``apps.py``, "" when unset:
        its one AppConfig subclass, else the one marked ``default = True``; one marked
        ``default = False`` is never picked. A subclass of another config of the module
        inherits its values."""
        configs: dict[str, dict[str, object]] = {}
        for node in module.tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [_base_name(base) for base in node.bases]
            inherited = [configs[base] for base in bases if base in configs]
            if not inherited and not any(base.endswith("AppConfig") for base in bases):
                continue
            values: dict[str, object] = {"default": None} | {
                k: v for parent in reversed(inherited) for k, v in parent.items() if k != "default"
            }
            for statement in node.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign):
                    targets = (
                        statement.targets
                        if isinstance(statement, ast.Assign)
                        else [statement.target]
                    )
                    value = _constant(statement.value)
                    for target in targets:
                        if isinstance(target, ast.Name) and isinstance(value, str | bool):
                            values[target.id] = value
            configs[node.name] = values
        candidates = [c for c in configs.values() if c["default"] is not False]
        if len(candidates) != 1:
            candidates = [c for c in candidates if c["default"] is True]
        if len(candidates) != 1:
            return "", ""
        label, name = candidates[0].get("label", ""), candidates[0].get("name", "")
        return (label if isinstance(label, str) else "", name if isinstance(name, str) else "")

    def _user_model(self) -> tuple[str, str]:
        """``AUTH_USER_MODEL`` from the tree's settings modules, else Django's default."""
        values: dict[str, str] = {}
        for name, module in sorted(self.tree.modules.items()):
            if "settings" not in name.split("."):
                continue
            for node in module.tree.body:
                if (
                    isinstance(node, ast.Assign)
                    and any(
                        isinstance(t, ast.Name) and t.id == "AUTH_USER_MODEL" for t in node.targets
                    )
                    and isinstance(value := _constant(node.value), str)
                ):
                    values.setdefault(value, f"{module.path}:{node.lineno}")
        if len(values) > 1:
            self.warnings.append(
                f"{next(iter(values.values()))}: AUTH_USER_MODEL differs between settings "
                f"modules ({', '.join(sorted(values))}); using the first"
            )
        label, _, model = next(iter(values), "auth.User").partition(".")
        return label, model

    def app_of(self, cls: Cls) -> str:
        meta = self.models.get(cls)
        if meta and meta.app_label:
            return meta.app_label
        best = max(
            (a for a in self.apps if cls.module == a or cls.module.startswith(a + ".")),
            key=len,
            default="",
        )
        return self.apps.get(best, "")

    # -- classes

    def bases(self, cls: Cls) -> list[tuple[ast.expr, Ref | None]]:
        if cls not in self._bases:  # asked for every subclass: resolve each class once
            node = self.tree.classdef(cls)
            self._bases[cls] = [(base, self.tree.expr(cls.module, base)) for base in node.bases]
        return self._bases[cls]

    def _derives(self, cls: Cls, roots: set[str], seen: frozenset[Cls] = frozenset()) -> bool:
        if cls in seen or cls not in self.tree.classes:
            return False
        for expr, ref in self.bases(cls):
            if isinstance(ref, Ext) and ref.dotted in roots:
                return True
            if isinstance(ref, Ext) and _outside_model(ref.dotted):
                self.warnings.append(
                    f"{self.tree.where(cls.module, expr.lineno)}: base {ref.dotted} of "
                    f"{cls.name} is outside the tree: read as a model, its fields unknown"
                )
                return True
            if isinstance(ref, Cls) and self._derives(ref, roots, seen | {cls}):
                return True
        return False

    def field_kind(self, ref: Ref | None, seen: frozenset[Cls] = frozenset()) -> str:
        """What calling ``ref`` makes: "fk", "o2o", "m2m", "gfk", "generic",
        "soft:app.Model" (a field class naming its target), or "" (no relation)."""
        if isinstance(ref, Ext):
            return FIELDS.get(ref.dotted, "")
        if not isinstance(ref, Cls) or ref in seen or ref not in self.tree.classes:
            return ""
        node = self.tree.classdef(ref)
        for statement in node.body:  # a soft reference names its target (see fields.py)
            if (
                isinstance(statement, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "references" for t in statement.targets)
                and isinstance(value := _constant(statement.value), str)
                and "." in value
            ):
                return f"soft:{value}"
        for _, base in self.bases(ref):
            if kind := self.field_kind(base, seen | {ref}):
                return kind
        return ""

    def declared(self, cls: Cls) -> list[Decl | str]:
        """The class body's fields in order; a ``str`` is a name set to None (removed)."""
        found: list[Decl | str] = []
        for statement in self.tree.classdef(cls).body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                target, value = statement.target, statement.value
            else:
                continue
            if not isinstance(target, ast.Name):
                continue
            if isinstance(value, ast.Call):
                found.append(Decl(target.id, value, cls, statement.lineno))
            elif isinstance(value, ast.Constant) and value.value is None:
                found.append(target.id)
        return found

    def inherited(self, cls: Cls, seen: frozenset[Cls] = frozenset()) -> dict[str, Decl | Builtin]:
        """Field name -> declaration, as Django gives them to ``cls``: its abstract bases'
        (later bases first, so the first base wins, as in the MRO), then its own."""
        fields: dict[str, Decl | Builtin] = {}
        for expr, ref in reversed(self.bases(cls)):
            if isinstance(ref, Ext) and ref.dotted in DJANGO_ABSTRACT:
                for name, app, model in DJANGO_ABSTRACT[ref.dotted]:
                    fields[name] = Builtin(app, model, ref.dotted)
            elif isinstance(ref, Cls) and ref not in seen:
                meta = self.models.get(ref)
                if meta is not None and meta.abstract:
                    fields.update(self.inherited(ref, seen | {cls}))
                elif meta is None and ref in self.tree.classes:
                    self._mixin(cls, ref)
            elif ref is None and cls in self.models:
                self.warnings.append(
                    f"{self.tree.where(cls.module, expr.lineno)}: base {ast.unparse(expr)} of "
                    f"{cls.name} is not found in the tree: its fields are not read"
                )
        for decl in self.declared(cls):
            if isinstance(decl, str):
                fields.pop(decl, None)
            else:
                fields[decl.name] = decl
        return fields

    def _mixin(self, model: Cls, mixin: Cls) -> None:
        for decl in self.declared(mixin):
            if isinstance(decl, Decl) and self.field_kind(
                self.tree.expr(mixin.module, decl.call.func)
            ):
                self.warnings.append(
                    f"{self.tree.where(mixin.module, decl.line)}: {mixin.name}.{decl.name} is on "
                    f"a plain class, not a model: Django does not give it to {model.name}"
                )

    # -- relations

    def relations(self) -> Iterator[Relation]:
        for cls, meta in sorted(
            self.models.items(), key=lambda item: (item[0].module, item[0].name)
        ):
            if meta.abstract or meta.proxy:
                continue  # an abstract model has no table; a proxy shares its parent's
            app = self.app_of(cls)
            if not app:
                line = self.tree.classdef(cls).lineno
                self.warnings.append(
                    f"{self.tree.where(cls.module, line)}: model {cls.name} is in no app "
                    "(no models module above it, no Meta.app_label)"
                )
                continue
            yield from self._model(cls, app)

    def _model(self, cls: Cls, app: str) -> Iterator[Relation]:
        fields = self.inherited(cls)
        links: set[tuple[str, str]] = set()
        for name, decl in fields.items():
            if isinstance(decl, Builtin):
                yield Relation(
                    RelationKind.MANY_TO_MANY, app, cls.name, name, decl.app, decl.model,
                    nullable=True, through=f"{app}.{cls.name}_{name}", declared_in=decl.origin,
                )  # fmt: skip
                continue
            relation = self._field(cls, app, decl, fields)
            if relation is not None:
                if relation.kind is RelationKind.INHERITANCE:
                    links.add((relation.target_app, relation.target_model))
                yield relation
        node = self.tree.classdef(cls)
        for expr, ref in self.bases(cls):
            meta = self.models.get(ref) if isinstance(ref, Cls) else None
            if isinstance(ref, Cls) and meta is not None and not meta.abstract:
                parent = self._concrete(ref)
                target = (self.app_of(parent), parent.name)
                if target in links:
                    continue  # declared as a OneToOneField(parent_link=True)
                link = f"{parent.name.lower()}_ptr"
                yield Relation(
                    RelationKind.INHERITANCE, app, cls.name, link, *target,
                    column=f"{link}_id", on_delete="CASCADE",
                    declared_in=self.tree.where(cls.module, getattr(expr, "lineno", node.lineno)),
                )  # fmt: skip

    def _concrete(self, cls: Cls) -> Cls:
        """The model whose table a proxy uses (a parent link points at it, not at the proxy)."""
        meta = self.models.get(cls)
        if meta is None or not meta.proxy:
            return cls
        for _, ref in self.bases(cls):
            if isinstance(ref, Cls) and ref in self.models and not self.models[ref].abstract:
                return self._concrete(ref)
        return cls

    def _made(self, decl: Decl) -> Decl:
        """The field a factory function makes (its ``return Field(...)``), as if declared
        in place; names in it are the function's module's."""
        seen: set[Cls] = set()
        while (
            isinstance(ref := self.tree.expr(decl.owner.module, decl.call.func), Cls)
            and ref in self.tree.functions
            and ref not in seen
        ):
            seen.add(ref)
            returned = [s.value for s in self.tree.functions[ref].body if isinstance(s, ast.Return)]
            if len(returned) != 1 or not isinstance(returned[0], ast.Call):
                break
            decl = Decl(decl.name, returned[0], Cls(ref.module, decl.owner.name), decl.line)
        return decl

    def _field(
        self, cls: Cls, app: str, decl: Decl, fields: dict[str, Decl | Builtin]
    ) -> Relation | None:
        where = self.tree.where(decl.owner.module, decl.line)
        decl = self._made(decl)
        kind = self.field_kind(self.tree.expr(decl.owner.module, decl.call.func))
        call = decl.call
        if not kind:
            called = ast.unparse(call.func)
            if called.endswith(("ForeignKey", "OneToOneField", "ManyToManyField")):
                self.warnings.append(f"{where}: {called} is not a relation field Django knows")
            return None
        base = {"source_app": app, "source_model": cls.name, "field": decl.name}
        if kind == "gfk":
            return self._generic_foreign_key(cls, decl, fields, where, base)
        if kind.startswith("soft:"):
            target_app, _, target_model = kind.removeprefix("soft:").partition(".")
            return Relation(
                RelationKind.SOFT_REFERENCE, target_app=target_app, target_model=target_model,
                column=_text(call, "db_column") or self._attname(decl), nullable=self._null(call),
                declared_in=where, **base,
            )  # fmt: skip
        target = self.target(cls, app, decl.owner.module, _argument(call, 0, "to"), where)
        if target is None:
            return None
        if kind == "generic":
            return Relation(
                RelationKind.GENERIC, target_app=target[0], target_model=target[1],
                nullable=True, declared_in=where, **base,
            )  # fmt: skip
        if kind == "m2m":
            through = _keyword(call, "through")
            named = (
                self.target(cls, app, decl.owner.module, through, where)
                if through is not None
                else (app, f"{cls.name}_{decl.name}")
            )
            return Relation(
                RelationKind.MANY_TO_MANY, target_app=target[0], target_model=target[1],
                nullable=True, through=".".join(named) if named else "",
                declared_in=where, **base,
            )  # fmt: skip
        parent_link = _constant(_keyword(call, "parent_link")) is True
        return Relation(
            RelationKind.INHERITANCE
            if parent_link
            else RelationKind.ONE_TO_ONE
            if kind == "o2o"
            else RelationKind.FOREIGN_KEY,
            target_app=target[0], target_model=target[1],
            column=_text(call, "db_column") or f"{decl.name}_id",
            on_delete=self._on_delete(_argument(call, 1, "on_delete"), where),
            nullable=self._null(call), to_field=_text(call, "to_field"),
            declared_in=where, **base,
        )  # fmt: skip

    def _generic_foreign_key(
        self,
        cls: Cls,
        decl: Decl,
        fields: dict[str, Decl | Builtin],
        where: str,
        base: dict[str, str],
    ) -> Relation:
        """Through its content type foreign key and its object id, as the runtime reader
        reports it: both columns, the foreign key's on_delete and nullability."""
        names = [
            value if isinstance(value := _constant(_argument(decl.call, i, key)), str) else default
            for i, (key, default) in enumerate(
                [("ct_field", "content_type"), ("fk_field", "object_id")]
            )
        ]
        columns, on_delete, nullable = [], "", False
        for position, name in enumerate(names):
            field = fields.get(name)
            if not isinstance(field, Decl):
                self.warnings.append(f"{where}: {cls.name} has no field {name!r} for {decl.name}")
                columns.append(f"{name}_id" if position == 0 else name)
                continue
            column = _text(field.call, "db_column")
            columns.append(column or (f"{name}_id" if position == 0 else name))
            if position == 0:
                on_delete = self._on_delete(_argument(field.call, 1, "on_delete"), where)
                nullable = self._null(field.call)
        return Relation(
            RelationKind.GENERIC, target_app="contenttypes", target_model="ContentType",
            column=", ".join(columns), on_delete=on_delete, nullable=nullable,
            declared_in=where, **base,
        )  # fmt: skip

    def _attname(self, decl: Decl) -> str:
        """A soft reference's column: its field class may name it (``get_attname`` returning
        ``f"{self.name}..."``), else the field's name."""
        ref = self.tree.expr(decl.owner.module, decl.call.func)
        seen: set[Cls] = set()
        while isinstance(ref, Cls) and ref not in seen and ref in self.tree.classes:
            seen.add(ref)
            for node in self.tree.classdef(ref).body:
                if isinstance(node, ast.FunctionDef) and node.name == "get_attname":
                    returned = next((s.value for s in node.body if isinstance(s, ast.Return)), None)
                    if isinstance(returned, ast.JoinedStr):
                        text = "".join(
                            decl.name
                            if isinstance(part, ast.FormattedValue)
                            and ast.unparse(part.value) == "self.name"
                            else str(_constant(part))
                            if isinstance(part, ast.Constant)
                            else "?"
                            for part in returned.values
                        )
                        if "?" not in text:
                            return text
            ref = next((b for _, b in self.bases(ref) if isinstance(b, Cls)), None)
        return decl.name

    @staticmethod
    def _null(call: ast.Call) -> bool:
        return _constant(_keyword(call, "null")) is True

    def _on_delete(self, node: ast.expr | None, where: str) -> str:
        if isinstance(node, ast.Call):  # models.SET(value)
            node = node.func
        if isinstance(node, ast.Attribute):
            return node.attr
        if isinstance(node, ast.Name):
            return node.id
        if node is not None:
            self.warnings.append(f"{where}: on_delete {ast.unparse(node)} is not a name")
        return ""

    def target(
        self, cls: Cls, app: str, module: str, node: ast.expr | None, where: str
    ) -> tuple[str, str] | None:
        """``(app_label, Model)`` a relation's target names, relative to the concrete
        model ``cls`` of ``app`` (``module``: where the field is written, for its names)."""
        if node is None:
            self.warnings.append(f"{where}: {cls.name} has a relation with no target")
            return None
        value = _constant(node)
        if isinstance(value, str):
            if value == "self":
                return app, cls.name
            label, _, model = value.rpartition(".")
            return self._named(label or app, model, where)
        if isinstance(node, ast.Call) and self.tree.expr(module, node.func) == Ext(GET_USER):
            return self._named(*self.user_model, where)
        ref = self.tree.expr(module, node)
        if isinstance(ref, Ext) and ref.dotted == f"{SETTINGS}.AUTH_USER_MODEL":
            return self._named(*self.user_model, where)
        if isinstance(ref, Cls) and ref in self.models:
            if self.models[ref].abstract:
                self.warnings.append(f"{where}: target {ref.name} is abstract")
                return None
            return self.app_of(ref), ref.name
        if isinstance(ref, Ext):
            parts = ref.dotted.split(".")
            # django.contrib.<app>.models.<Model>: Django's own apps, labelled by their folder.
            if len(parts) == 5 and parts[:2] == ["django", "contrib"] and parts[3] == "models":
                return parts[2], parts[4]
        self.warnings.append(f"{where}: target {ast.unparse(node)} is not a model of the tree")
        return None

    def _named(self, label: str, model: str, where: str) -> tuple[str, str]:
        """A target named ``label.Model`` (Django matches the model's name in any case)."""
        if label not in self.apps.values():
            return label, model  # an app outside the tree (Django's own, an installed one)
        for cls in self.models:
            if self.app_of(cls) == label and cls.name.lower() == model.lower():
                return label, cls.name
        self.warnings.append(f"{where}: {label}.{model} is not a model of the tree")
        return label, model


def static_inventory(root: Path) -> tuple[Inventory, list[str]]:
    """The relations and imports crossing the apps of the tree at ``root`` (its packages
    directly under it, or under ``src/``), and a ``file:line: reason`` for each thing it
    could not read or resolve."""
    relations, imports, warnings = read_source(root)
    return sorted_inventory(relations, imports), warnings


def read_source(root: Path) -> tuple[list[Relation], list[ImportEdge], list[str]]:
    """Every relation of the tree (within an app too), its imports across apps, and its
    warnings; raises ValueError when ``root`` is not a folder."""
    if not root.is_dir():
        raise ValueError(f"{root}: not a folder")
    project = _Project(_Tree(root))
    relations = list(project.relations())
    source = project.tree.source
    imports = edges_in(source.modules.values(), source.names, project.apps)
    return relations, imports, sorted(set(project.warnings), key=_by_place)


def _by_place(warning: str) -> tuple[str, int, str]:
    """A ``file:line: reason`` warning's order: by file, then line as a number."""
    file, _, rest = warning.partition(":")
    line, _, reason = rest.partition(":")
    return file, int(line) if line.isdigit() else 0, reason
