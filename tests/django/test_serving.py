"""Serving the admin: its static files come through WhiteNoise with DEBUG off, in runserver and
behind a real server, and nothing serves outside DEBUG without a secret key somebody chose."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

SCRIPT = Path(sys.executable).with_name("trackerhub")


def environment(tmp_path: Path, **changes: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "TRACKERHUB_SECRET_KEY", "TRACKERHUB_DEBUG")
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    env.update(changes)
    return env


def test_the_admin_s_styles_are_served_with_debug_off(client: Client) -> None:
    response = client.get("/static/admin/css/base.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_runserver_refuses_to_serve_outside_debug_without_a_secret_key(tmp_path: Path) -> None:
    done = subprocess.run(
        [SCRIPT, "runserver", "--noreload", "127.0.0.1:0"],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "set TRACKERHUB_SECRET_KEY" in done.stderr


@pytest.mark.parametrize("entry", ["wsgi", "asgi"])
def test_the_production_entry_points_refuse_to_serve_without_a_secret_key(
    tmp_path: Path, entry: str
) -> None:
    def load(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-c",
                f"import adapters.django_orm.{entry} as m; print(m.application)",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    refused = load(environment(tmp_path))
    served = load(environment(tmp_path, TRACKERHUB_SECRET_KEY="x" * 50))

    assert (refused.returncode, served.returncode) == (2, 0)
    assert refused.stderr.startswith("error: set TRACKERHUB_SECRET_KEY")
    assert "Traceback" not in refused.stderr
    assert "Handler" in served.stdout
