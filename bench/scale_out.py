#!/usr/bin/env python3
"""Scale-out check (run by .ci/run): two app servers share one PostgreSQL and one Redis; an edit made through
one is served by the other at once.

    .venv/bin/python tests/perf/scale_out.py

Needs the local PostgreSQL (postgres@127.0.0.1:5432) and Redis (127.0.0.1:6379). It creates its own database,
uses its own Redis database number, and removes both, and stops its servers, whatever happens.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATABASE = "careerguide_scaleout"
SERVER = os.environ.get("SCALE_OUT_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_DB = os.environ.get("SCALE_OUT_REDIS_DB", "13")
PORTS = (18401, 18402)
SKILL = "communication"
EDITED = "经服务器 A 修改、由服务器 B 立即读到的定义。"

ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WEB_CONCURRENCY": "2",
    "LOG_LEVEL": "WARNING",
}


def run(*args, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=ENV, check=True, **kwargs)


def manage(*args):
    return run(PYTHON, "manage.py", *args, capture_output=True, text=True).stdout


def psql(command):
    subprocess.run(
        ["psql", f"{SERVER}/postgres", "-qc", command],
        check=True,
        env={**ENV, "PGOPTIONS": "--client-min-messages=warning"},
    )


def redis(*args):
    return run("redis-cli", "-n", REDIS_DB, *args, capture_output=True, text=True).stdout.split()


def request(port, path, method="GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers or {})
    if data:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(port):
    for _ in range(120):
        try:
            if request(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server on port {port} did not start")


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        raise SystemExit(1)


def main():
    servers = []
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    psql(f'CREATE DATABASE "{DATABASE}"')
    try:
        manage("migrate", "--noinput")
        manage("load_guide")
        manage("collectstatic", "--noinput")
        token = (
            manage(
                "shell",
                "-c",
                (
                    "from django.contrib.auth import get_user_model; from rest_framework.authtoken.models import Token; "
                    "user = get_user_model().objects.create_superuser('scaleout', 'scaleout@example.com', None); "
                    "print(Token.objects.create(user=user).key)"
                ),
            )
            .strip()
            .splitlines()[-1]
        )

        for port in PORTS:
            # The servers' warnings and errors go to this script's stderr, where CI shows them.
            servers.append(
                subprocess.Popen(
                    [
                        GUNICORN,
                        "careerguide.wsgi",
                        "-c",
                        "gunicorn.conf.py",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=ENV,
                )
            )
        for port in PORTS:
            wait_for(port)
        a, b = PORTS
        page, api = f"/skills/{SKILL}/", f"/api/v1/skills/{SKILL}/"

        # Server B renders and caches (in the shared Redis) the page and the API read before the edit.
        for _ in range(3):
            status, headers, before_page = request(b, page)
            _, before_api_headers, before_api = request(b, api)
        check(status == 200 and EDITED not in before_page, "B serves the skill page before the edit")
        check(any(key.startswith(":1:careerguide:response:") for key in redis("--scan")), "B's pages are in Redis")

        status, _, body = request(a, api, "PATCH", {"definition": EDITED}, {"Authorization": f"Token {token}"})
        check(status == 200, f"the edit through A is accepted ({status})")

        status, _, after_page = request(b, page)
        check(status == 200 and EDITED in after_page, "B serves the edited page at once")
        status, after_api_headers, after_api = request(b, api)
        check(json.loads(after_api)["definition"] == EDITED, "B's API returns the edited definition at once")
        check(after_api_headers["ETag"] != before_api_headers["ETag"], "the API's ETag changed")
        status, _, _ = request(b, api, headers={"If-None-Match": before_api_headers["ETag"]})
        check(status == 200, "B no longer answers the old ETag with 304")
        status, _, list_page = request(a, "/skills/")
        check(EDITED in list_page, "A's skills list shows the edit too")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        keys = [
            key for pattern in (":1:careerguide:*", ":1:throttle_*") for key in redis("--scan", "--pattern", pattern)
        ]
        for start in range(0, len(keys), 500):
            redis("del", *keys[start : start + 500])
        psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    print("scale-out: an edit through one server is served by the other at once")


if __name__ == "__main__":
    sys.exit(main())
