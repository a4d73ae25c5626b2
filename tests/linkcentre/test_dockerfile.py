"""No Docker engine runs here, so the Dockerfile is checked for its essentials as text."""

import re
from pathlib import Path

DOCKERFILE = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()


def instructions(name):
    return [line for line in DOCKERFILE.splitlines() if line.startswith(name + " ")]


def test_slim_python_base():
    assert re.match(r"FROM python:3\.11[\w.-]*-slim", instructions("FROM")[0])


def test_runs_as_non_root_user():
    users = instructions("USER")
    assert users and users[-1].split()[1] not in {"root", "0"}


def test_dependencies_come_from_pyproject_and_static_is_collected():
    assert "pyproject.toml" in DOCKERFILE
    assert "collectstatic --noinput" in DOCKERFILE


def test_gunicorn_serves_wsgi_on_port_and_migrates():
    cmd = instructions("CMD")[-1]
    assert "gunicorn linkcentre.wsgi" in cmd
    assert "${PORT}" in cmd
    assert "migrate --noinput" in cmd


def test_healthcheck_uses_healthz():
    assert "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE
