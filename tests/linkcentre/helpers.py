"""Helpers the linkcentre tests share (and groups' rate-limit test): ``manage.py`` in a
subprocess with a clean environment. Fixtures live in conftest.py."""

import os
import subprocess
import sys
from pathlib import Path

# The project's root folder (where manage.py is).
ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
