"""Faults in the services the site depends on, with real servers the test starts and breaks itself.

gunicorn runs the production configuration (gunicorn.conf.py: gthread workers) on a throw-away PostgreSQL cluster
and a throw-away Redis. Killing Redis must leave every page served (uncached) and /healthz saying "degraded";
freezing PostgreSQL (SIGSTOP, the way a hung host or a dead network path behaves: connections open, nothing
answers) must turn into fast 503s rather than requests that hang, and both must recover by themselves.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.core.test_database_outage import PG_BINS, PROJECT, Cluster, free_port, get, wait_for_server

pytestmark = pytest.mark.skipif(
    not PG_BINS or not shutil.which("redis-server"), reason="needs PostgreSQL server binaries and redis-server"
)

# The database timeouts the site runs with here: a frozen database must cost a request about this long.
STATEMENT_TIMEOUT = 2
CONNECT_TIMEOUT = 2
# Reconnecting after the health check gave up: at most two waits of statement timeout + 2 s, plus slack.
FAST = 2 * (STATEMENT_TIMEOUT + 2) + 3


class Redis:
    def __init__(self, root):
        self.port = free_port()
        self.root = root
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                import socket

                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)


def postgres_processes(cluster):
    """The postmaster and its children (the backends serving the app's connections)."""
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster, *map(int, children)]


def timed_get(url):
    started = time.monotonic()
    status, headers, body = get(url)
    return status, body, time.monotonic() - started


@pytest.fixture(scope="module")
def site():
    root = Path(tempfile.mkdtemp(prefix="careerguide-faults-"))
    cluster, redis, server = Cluster(root), Redis(root), None
    try:
        cluster.init()
        cluster.start()
        cluster.run("createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "careerguide")
        redis.start()
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "DEBUG": "0",
            "SECRET_KEY": "faults-test-key-not-a-secret",
            "DJANGO_SETTINGS_MODULE": "careerguide.settings",
            "STATIC_MANIFEST": "0",
            "DATABASE_STATEMENT_TIMEOUT": str(STATEMENT_TIMEOUT),
            "DATABASE_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "4",
        }
        for command in (["migrate", "--noinput", "-v0"], ["load_guide", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True, timeout=300)
        log = open(root / "gunicorn.log", "w")
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        server = subprocess.Popen(
            [gunicorn, "careerguide.wsgi", "-c", "gunicorn.conf.py"],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for_server(base)
        yield cluster, redis, base, root / "gunicorn.log"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
            print((root / "gunicorn.log").read_text()[-20000:])  # shown only when a test failed
        for pid in postgres_processes(cluster) if (cluster.data / "postmaster.pid").exists() else []:
            os.kill(pid, signal.SIGCONT)  # a failed test may have left it frozen
        try:
            cluster.stop()
        except subprocess.CalledProcessError:
            pass
        if redis.process is not None and redis.process.poll() is None:
            redis.kill()
        shutil.rmtree(root, ignore_errors=True)


PAGES = ["/", "/skills/", "/salaries/", "/api/v1/skills/", "/api/v1/cities/?region=east"]


def test_the_site_serves_uncached_while_redis_is_dead_and_recovers(site):
    cluster, redis, base, log = site
    assert json.loads(get(base + "/healthz")[2]) == {"status": "ok", "database": "ok", "cache": "ok"}

    redis.kill()
    for _ in range(3):
        for page in PAGES:
            status, _body, took = timed_get(base + page)
            assert status == 200, page
            assert took < 3, page
    status, _headers, body = get(base + "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "degraded", "database": "ok", "cache": "unavailable"}

    redis.start()  # the same port
    deadline = time.monotonic() + 15
    while json.loads(get(base + "/healthz")[2])["status"] != "ok":
        assert time.monotonic() < deadline, "the cache was not used again after Redis came back"
        time.sleep(0.5)
    assert get(base + "/skills/")[0] == 200

    # Fifteen requests without Redis, one report.
    assert log.read_text().count("cache unavailable") == 1


def test_a_frozen_database_answers_503_fast_and_the_site_recovers(site):
    cluster, _redis, base, log = site
    assert get(base + "/progression/")[0] == 200

    frozen = postgres_processes(cluster)
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        for url in ("/progression/", "/api/v1/skills/", "/healthz"):
            status, body, took = timed_get(base + url)
            assert status == 503, url
            assert took < FAST, f"{url} took {took:.1f} s"
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)

    deadline = time.monotonic() + 30
    while get(base + "/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the site did not recover after the database thawed"
        time.sleep(0.5)
    assert get(base + "/progression/")[0] == 200
    text = log.read_text()
    assert "GET /progression/ 503" in text
    assert text.count("Traceback") <= 2  # reported once per cause, not per request
