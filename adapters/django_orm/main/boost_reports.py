"""Reports over the two Boost trackers: a library's dependencies and dependents per release, the
libraries each project using a Boost release includes, and the headers no known library has.

The two trackers know nothing of each other; this composition root joins them by value: a
usage's header is a path that the Boost libraries tracker's headers are keyed by, and a
header's module is the name its dependencies use. Each report reads with a fixed number of
queries, whatever the number of releases, projects or files, and is plain data (JSON-ready),
which the ``boost`` command prints as JSON or as tables.

A library is named by its key in ``meta/libraries.json`` (``functional/hash``) or by its module
(``functional``): dependencies are the module's, as boostdep computes them.
"""

import re
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import models

type Report = dict[str, Any]


class ReportError(Exception):
    """What the user asked for is not there; the message says what is."""


def _model(label: str, name: str) -> type[models.Model]:
    try:
        return apps.get_model(label, name)
    except LookupError:
        raise ReportError(
            f"the {label} tracker is not installed, so there is nothing to report"
        ) from None


def _by_release(database: str) -> list[str]:
    versions = _model("boost_libraries", "Version")._default_manager.using(database)
    return list(versions.order_by("sort_key", "version").values_list("version", flat=True))


def library_report(name: str, database: str = "default") -> Report:
    """Per release: what the library's module depends on, what depends on it, and what
    changed against the release before."""
    libraries = _model("boost_libraries", "Library")._default_manager.using(database)
    modules = _model("boost_libraries", "Module")._default_manager.using(database)
    module = libraries.filter(key=name).values_list("module", flat=True).first()
    if module is None:
        module = modules.filter(name=name).values_list("name", flat=True).first()
    if not module:
        raise ReportError(f"no Boost library or module is named {name!r}; collect boost-libraries")
    dependencies = _model("boost_libraries", "Dependency")._default_manager.using(database)
    changes = _model("boost_libraries", "DependencyChange")._default_manager.using(database)
    uses: dict[str, set[str]] = defaultdict(set)
    used_by: dict[str, set[str]] = defaultdict(set)
    for client, version, dependency in dependencies.filter(
        models.Q(module=module) | models.Q(dependency=module)
    ).values_list("module", "version", "dependency"):
        if client == module:
            uses[version].add(dependency)
        if dependency == module:
            used_by[version].add(client)
    added: dict[str, set[str]] = defaultdict(set)
    removed: dict[str, set[str]] = defaultdict(set)
    for version, dependency, was_added in changes.filter(module=module).values_list(
        "version", "dependency", "added"
    ):
        (added if was_added else removed)[version].add(dependency)
    versions_of = _model("boost_libraries", "LibraryVersion")._default_manager.using(database)
    present = set(versions_of.filter(module=module).values_list("version", flat=True))
    releases = [
        version
        for version in _by_release(database)
        if version in present or version in uses or version in used_by
    ]
    return {
        "library": name,
        "module": module,
        "libraries": sorted(libraries.filter(module=module).values_list("key", flat=True)),
        "versions": [
            {
                "version": version,
                "dependencies": sorted(uses[version]),
                "dependents": sorted(used_by[version]),
                "added": sorted(added[version]),
                "removed": sorted(removed[version]),
            }
            for version in releases
        ],
    }


_VERSION = re.compile(r"(\d+)[._](\d+)(?:[._](\d+))?")


def release_name(text: str) -> str:
    """``1.86``, ``1_86_0`` or ``boost-1.86.0`` as ``1.86.0``; raises ReportError."""
    found = _VERSION.fullmatch(text.strip().removeprefix("boost-"))
    if found is None:
        raise ReportError(f"{text!r} is not a Boost version (such as 1.86.0)")
    major, minor, patch = found.groups()
    return f"{int(major)}.{int(minor)}.{int(patch or 0)}"


def version_report(version: str, database: str = "default") -> Report:
    """Each project that declares ``version``: the libraries (modules) its files include,
    with how many files include each, and the Boost headers it includes that no known
    library provides."""
    release = release_name(version)
    projects = _model("boost_usage", "Project")._default_manager.using(database)
    usages = _model("boost_usage", "Usage")._default_manager.using(database)
    declaring = list(
        projects.filter(boost_version=release)
        .order_by("key")
        .values("key", "name", "repository", "version_source", "version_file", "embeds_boost")
    )
    keys = [project["key"] for project in declaring]
    present = list(
        usages.filter(project__in=keys, gone_at__isnull=True).values_list(
            "project", "path", "header"
        )
    )
    module_of = _modules_of({header for _, _, header in present}, database)
    files: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    unknown: dict[str, set[str]] = defaultdict(set)
    for project, path, header in present:
        module = module_of.get(header)
        if module is None:
            unknown[project].add(header)
        else:
            files[project][module].add(path)
    return {
        "version": release,
        "projects": [
            {
                "project": project["key"],
                "name": project["name"],
                "repository": None if project["repository"] is None else project["repository"].key,
                "declared_by": project["version_source"],
                "declared_in": project["version_file"],
                "embeds_boost": project["embeds_boost"],
                "libraries": [
                    {"library": module, "files": len(paths)}
                    for module, paths in sorted(files[project["key"]].items())
                ],
                "unknown_headers": sorted(unknown[project["key"]]),
            }
            for project in declaring
        ],
    }


def missing_headers_report(database: str = "default") -> Report:
    """The Boost headers projects include that no collected Boost library provides (a typo,
    a header removed long ago, or libraries not collected yet), with who includes them."""
    usages = _model("boost_usage", "Usage")._default_manager.using(database)
    present = list(usages.filter(gone_at__isnull=True).values_list("project", "path", "header"))
    module_of = _modules_of({header for _, _, header in present}, database)
    projects: dict[str, set[str]] = defaultdict(set)
    files: dict[str, int] = defaultdict(int)
    for project, _, header in present:
        if header not in module_of:
            projects[header].add(project)
            files[header] += 1
    return {
        "headers": [
            {"header": header, "projects": sorted(projects[header]), "files": files[header]}
            for header in sorted(projects)
        ]
    }


def _modules_of(headers: set[str], database: str) -> dict[str, str]:
    """The module providing each header, for those a collected release has."""
    if not headers:
        return {}
    known = _model("boost_libraries", "Header")._default_manager.using(database)
    found: dict[str, str] = {}
    # One query per 10,000 headers: SQLite takes at most 32,766 parameters in one.
    ordered = sorted(headers)
    for start in range(0, len(ordered), 10_000):
        chunk = ordered[start : start + 10_000]
        found.update(known.filter(path__in=chunk).values_list("path", "module"))
    return found
