"""Each tracker's Django app migrates and passes its tests with only itself installed: the
subset-schema lane, run here in a subprocess per installed tracker, so that the one test
command runs it too and a new tracker is in it without editing this file."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.django_orm.trackers import tracker_apps

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("app", sorted(config.name for config in tracker_apps()))
def test_the_tracker_app_passes_its_tests_with_only_itself_installed(app: str) -> None:
    env = {**os.environ, "TRACKERHUB_SUBSET_LANE": app}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/subset/test_tracker_alone.py",
            "--ds=tests.subset.settings",
            # One process: this lane already runs beside the others.
            "--numprocesses=0",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rs",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"(\d+) passed", summary)
    assert passed is not None and int(passed.group(1)) > 0, summary
    assert "skipped" not in summary, summary
