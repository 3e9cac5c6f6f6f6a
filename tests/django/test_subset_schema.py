"""Each tracker's Django app migrates and passes its tests with only itself installed: the
subset-schema lane, run here in a subprocess so that the one test command runs it too."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

LANES = {
    "mailing_lists": "tests/subset/test_mailing_lists_alone.py",
    "github": "tests/subset/test_github_alone.py",
}


@pytest.mark.parametrize("app", sorted(LANES))
def test_the_tracker_app_passes_its_tests_with_only_itself_installed(app: str) -> None:
    env = {**os.environ, "TRACKERHUB_SUBSET_LANE": app}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            LANES[app],
            f"--ds=tests.subset.settings_{app}",
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
