"""The machinery of ``wrk_bench.py``: its databases, the servers (gunicorn with the app's
production settings), single requests, wrk runs and the Redis keys it leaves.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CONNECTIONS = 16

# --- databases -----------------------------------------------------------------------------


class Database:
    """A SQLite file in a temporary folder, or a PostgreSQL database created (and dropped)."""

    def __init__(self, kind, name, folder, postgres_url, keep, reuse):
        self.kind, self.keep, self.reuse, self.created = kind, keep, reuse, False
        if kind == "sqlite":
            self.path = Path(folder) / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            parts = urlsplit(postgres_url)
            self.name = f"{parts.path.lstrip('/')}_{name}"
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def _admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def __enter__(self):
        if self.kind == "postgres":
            from psycopg import sql

            with self._admin() as admin:
                exists = admin.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
                ).fetchone()
                if exists and not self.reuse:
                    sys.exit(f"Database {self.name} exists; drop it, or pass --reuse.")
                if not exists:
                    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
                    self.created = True
        return self

    def __exit__(self, *exc):
        if self.keep or self.reuse:
            return
        if self.kind == "postgres" and self.created:
            from psycopg import sql

            with self._admin() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(self.name))
                )
        elif self.kind == "sqlite":
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


# --- serving and measuring ------------------------------------------------------------------


def app_env(database_url, prefix, redis_url, secret_key):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "linkcentre.settings",
        "PYTHONPATH": str(PROJECT),
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Many logins from one address in a benchmark are not an attack.
        "AXES_FAILURE_LIMIT": "1000",
    }


def gunicorn(module, port, env):
    return subprocess.Popen(
        [
            str(GUNICORN),
            module,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            str(PROJECT),
        ],
        env=env,
        cwd=PROJECT,
    )


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (to the login page, say) is an answer to report, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url, cookie="", data=None, extra=None):
    """(status, ms, headers) of one request; redirects and errors are returned, not raised."""
    headers = {"Cookie": cookie} if cookie else {}
    headers.update(extra or {})
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - localhost
    started = time.perf_counter()
    try:
        response = _OPENER.open(request, timeout=120)
    except urllib.error.HTTPError as error:  # 3xx (not followed), 304, 4xx and 5xx
        response = error
    with response:
        response.read()
        return response.status, (time.perf_counter() - started) * 1000, response.headers


def fetch_ms(url, cookie, data, extra):
    return fetch(url, cookie, data, extra)[1]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, seconds, cookie="", data=None, folder=None, extra=None):
    # A long timeout: a slow page's latency is measured, not dropped as a timeout.
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    command.append(url)
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    for name, value in (extra or {}).items():
        command[1:1] = ["-H", f"{name}: {value}"]
    if data is not None:
        script = Path(folder) / "post.lua"
        script.write_text(
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(urlencode(data))}\n"
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        )
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        percent: float(value) * UNITS[unit]
        for percent, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        )
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


def clear_redis(url, prefix):
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()
