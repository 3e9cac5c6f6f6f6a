"""core, and the in-memory adapters the unit tests run on, need neither Django nor a database.

Both checks run in a fresh interpreter: this one has pytest-django and the project's conftest
loaded, so Django is already imported here.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

# Modules whose presence means a framework or a database driver was imported.
FORBIDDEN_PREFIXES = ("django", "psycopg", "psycopg2", "sqlite3", "_sqlite3")

_FORBIDDEN_CHECK = f"""
def forbidden_modules():
    prefixes = {FORBIDDEN_PREFIXES!r}
    return sorted(
        name
        for name in sys.modules
        if any(name == p or name.startswith(p + ".") or name.startswith(p + "_") for p in prefixes)
    )
"""

_IMPORT_EVERYTHING = (
    """
import importlib, json, pkgutil, sys
"""
    + _FORBIDDEN_CHECK
    + """
def fail(name):
    raise ImportError(f"cannot import {name}")

imported = []
for package_name in ("core", "adapters.memory"):
    package = importlib.import_module(package_name)
    imported.append(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + ".", onerror=fail):
        importlib.import_module(module.name)
        imported.append(module.name)
print(json.dumps({"imported": imported, "forbidden": forbidden_modules()}))
"""
)

_RUN_UNIT_TESTS = (
    """
import json, sys
import pytest
from hypothesis import settings
# The main run explores the properties; this one shows they run without Django, and a few
# examples each show that as well as many.
settings.register_profile("isolation", max_examples=5, deadline=None)
settings.load_profile("isolation")
"""
    + _FORBIDDEN_CHECK
    + """
rc = pytest.main([
    "tests/unit",
    # The project's addopts spread a run over processes (pytest-xdist), a plugin this
    # interpreter does not load; one process is enough to show that nothing needs Django.
    "-o", "addopts=-ra",
    "-p", "no:django",
    "-p", "no:cacheprovider",
    # Entry-point plugins are not loaded (PYTEST_DISABLE_PLUGIN_AUTOLOAD); Hypothesis's is
    # the one the unit tests use.
    "-p", "_hypothesis_pytestplugin",
    "-q",
    "--confcutdir=tests/unit",
])
bad = forbidden_modules()
print("IMPORTED", json.dumps(bad))
sys.exit(rc or (3 if bad else 0))
"""
)


def _clean_environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONPATH"):
        env.pop(name, None)
    # pytest-postgresql, django-test-migrations and pytest-django register themselves as
    # entry-point plugins and import psycopg or Django when loaded.
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return env


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=_clean_environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_every_core_module_imports_without_django_or_a_database_driver() -> None:
    result = _run_python(_IMPORT_EVERYTHING)
    assert result.returncode == 0, f"importing core failed:\n{result.stderr}{result.stdout}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    imported: list[str] = report["imported"]
    forbidden: list[str] = report["forbidden"]
    assert "core.identity.hub" in imported, f"the walk missed core's modules: {imported}"
    assert "adapters.memory.identity" in imported, f"the walk missed adapters.memory: {imported}"
    assert not forbidden, f"importing core and adapters.memory imported {forbidden}"


def test_the_unit_tests_pass_without_django_or_a_database_driver() -> None:
    result = _run_python(_RUN_UNIT_TESTS)
    output = result.stdout + result.stderr
    imported = re.search(r"^IMPORTED (.*)$", result.stdout, re.MULTILINE)
    assert imported is not None, f"the unit test run did not finish:\n{output}"
    forbidden: list[str] = json.loads(imported[1])
    assert not forbidden, f"running the unit tests imported {forbidden}:\n{output}"
    assert result.returncode == 0, f"the unit tests failed (exit {result.returncode}):\n{output}"
    passed = re.search(r"\b(\d+) passed\b", result.stdout)
    assert passed is not None, f"no unit test ran:\n{output}"
    assert int(passed[1]) > 0, f"no unit test passed:\n{output}"
