"""The database goes away and comes back: the production server answers 503 meanwhile and recovers by itself.

A throw-away PostgreSQL cluster (initdb/pg_ctl in a temp folder) is started, stopped and started again by the test,
with gunicorn serving the site from it. PostgreSQL refuses to run as root, so as root the cluster runs as the
postgres user.
"""

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(
    not PG_BINS or not os.path.exists(os.path.join(PG_BINS[-1], "pg_ctl")),
    reason="PostgreSQL server binaries (initdb, pg_ctl) are not installed",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(base, seconds=60):
    """Until the app server at `base` answers /healthz with a success, or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=10)
            return
        except OSError:  # not listening yet, or not healthy yet (HTTPError is an OSError)
            time.sleep(0.2)


class Cluster:
    def __init__(self, root):
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.bin = Path(PG_BINS[-1])
        self.as_postgres = os.geteuid() == 0

    def run(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)

    def init(self):
        if self.as_postgres:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.root, postgres.pw_uid, postgres.pw_gid)
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/careerguide"


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def site():
    root = Path(tempfile.mkdtemp(prefix="careerguide-outage-"))
    cluster = Cluster(root)
    server = None
    try:
        cluster.init()
        cluster.start()
        cluster.run("createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "careerguide")
        (root / "gunicorn_conf.py").write_text("# defaults: one sync worker\n")
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url,
            "DEBUG": "0",
            "SECRET_KEY": "outage-test-key-not-a-secret",
            "DJANGO_SETTINGS_MODULE": "careerguide.settings",
            "STATIC_MANIFEST": "0",  # static files are not collected for this test
        }
        for command in (["migrate", "--noinput", "-v0"], ["load_guide", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True, timeout=300)
        port = free_port()
        log = open(root / "gunicorn.log", "w")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "careerguide.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--config",
                str(root / "gunicorn_conf.py"),
            ],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for_server(base)
        yield cluster, base, root / "gunicorn.log"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
            # Shown by pytest only when the test failed.
            print((root / "gunicorn.log").read_text()[-20000:])
        try:
            cluster.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped by a failed test
        shutil.rmtree(root, ignore_errors=True)


def test_pages_api_and_health_answer_503_while_the_database_is_down_and_recover(site):
    cluster, base, log = site
    assert get(base + "/healthz")[0] == 200
    assert get(base + "/skills/")[0] == 200

    cluster.stop()
    status, headers, body = get(base + "/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "unavailable"

    status, headers, body = get(base + "/progression/")
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert "网站正在恢复" in body
    assert headers["Retry-After"] == "30"
    assert "Traceback" not in body and "OperationalError" not in body

    status, headers, body = get(base + "/api/v1/skills/")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["detail"] == "数据库暂时无法访问,请稍后再试。"

    # A page seen before the outage: served from cache or a 503, never a 500.
    assert get(base + "/skills/")[0] in (200, 503)

    cluster.start()
    deadline = time.monotonic() + 30
    while get(base + "/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the site did not recover after the database came back"
        time.sleep(0.5)
    assert get(base + "/progression/")[0] == 200
    status, _headers, body = get(base + "/api/v1/skills/")
    assert status == 200 and json.loads(body)["results"]

    # Every error is on stderr, and so is one line per request.
    text = log.read_text()
    assert "GET /progression/ 503" in text and "GET /progression/ 200" in text
    assert "OperationalError" in text
