#!/usr/bin/env python3
"""Memory of gunicorn workers after every page in both scripts: resident (RSS), proportional (PSS) and private.

    .venv/bin/python bench/memory.py [--production] [--redis redis://127.0.0.1:6379/15]
                                     [--postgres postgres://postgres@127.0.0.1:5432/careerguide_memory] [--edits 5]

Starts gunicorn with this repository's gunicorn.conf.py (preload_app: the app is loaded once, then forked) and
two workers on a fresh SQLite database in bench/out/, requests every page and endpoint of bench/cpu.py three
times in 简体 and in 繁體, then reads each worker's /proc/<pid>/smaps_rollup. RSS counts in full every page a worker
shares with the master and the other workers (the code, the URL conf, OpenCC's dictionaries loaded before the
fork); "private" is what one more worker adds to the machine; PSS charges each shared page to its sharers in equal
parts, so it is what a worker costs, and the server's PSS (master and workers) is what the whole server costs.

gunicorn runs from .venv, where `make install` put the test tools too. With --production it runs from a virtualenv
in bench/out/ that `make install-production` fills as it fills a server's (the project's dependencies only; made on
first use and again when pyproject.toml changes): some libraries import an optional dependency whenever it is
installed (DRF: requests, Pygments), so the same code holds less memory there. With --redis the shared cache is in
Redis, as on a server: the workers then share the Redis client, which the master loads before the fork (about
5 MB), and hold no rendered fragments of their own.
With --postgres the data is loaded into that PostgreSQL database (created if missing) instead of SQLite. Every run
starts under a new data version, so no page or fragment that an earlier run left in Redis is found: each worker
builds everything it serves. With --edits N, N times after that: an edit (a new data version) and every page again,
which is where a long-lived worker's memory settles (each edit rebuilds what it keeps).
"""

import argparse
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cpu import OUT, ROOT, TARGETS, environment, prepare  # noqa: E402

VENV = ROOT / ".venv"
PRODUCTION_VENV = OUT / "production-venv"
PORT = 18391


def fetch(path, language):
    url = f"http://127.0.0.1:{PORT}" + urllib.parse.quote(path, safe="/?=&,")
    request = urllib.request.Request(url, headers={"Cookie": f"django_language={language}"})
    try:
        urllib.request.urlopen(request, timeout=30).read()
    except urllib.error.HTTPError:
        pass  # a 400 page (the result without its ratings) is a page served all the same


def memory_of(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":")[0], line.split()[1]
        fields[name] = int(value) / 1024
    return fields["Rss"], fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"]


def edit(env):
    """What an edit does to what the workers keep: a new data version."""
    code = "from core.models import DataVersion; DataVersion.bump()"
    subprocess.run([VENV / "bin" / "python", "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--production", action="store_true", help="gunicorn from a production install")
    parser.add_argument("--redis", metavar="URL", help="the shared cache in this Redis database, as on a server")
    parser.add_argument("--postgres", metavar="URL", help="the data in this PostgreSQL database, as on a server")
    parser.add_argument("--edits", type=int, default=0, help="edits, each followed by every page again")
    arguments = parser.parse_args()
    production = arguments.production
    OUT.mkdir(exist_ok=True)
    if production:
        install = ["make", "-s", "install-production", f"VENV={PRODUCTION_VENV}", f"PYTHON={sys.executable}"]
        subprocess.run(install, cwd=ROOT, check=True)
    gunicorn = (PRODUCTION_VENV if production else VENV) / "bin" / "gunicorn"
    database = OUT / "memory.sqlite3"
    if arguments.postgres:
        env = {**environment(database), "DATABASE_URL": arguments.postgres, "ALLOWED_HOSTS": "127.0.0.1"}
        url = urllib.parse.urlsplit(arguments.postgres)
        where = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
        subprocess.run(["createdb", *where, url.path.lstrip("/")], capture_output=True)  # it may exist already
        for command in (["migrate", "--noinput", "-v0"], ["load_guide", "-v0"]):
            subprocess.run([VENV / "bin" / "python", "manage.py", *command], cwd=ROOT, env=env, check=True)
    else:
        prepare(database, hundredfold=False)
        env = {**environment(database), "ALLOWED_HOSTS": "127.0.0.1"}
    if arguments.redis:
        env["REDIS_URL"] = arguments.redis
    edit(env)
    args = [gunicorn, "careerguide.wsgi", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"]
    server = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        for number in range(arguments.edits + 1):
            if number:
                edit(env)
            for language in ("zh-hans", "zh-hant"):
                for _name, path in TARGETS:
                    for _ in range(3):
                        fetch(path, language)
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        print("| process | RSS MB | PSS MB | private MB |\n|---|---:|---:|---:|")
        server_pss = 0
        for role, pid in [("master", server.pid), *(("worker", pid) for pid in workers)]:
            rss, pss, private = memory_of(pid)
            server_pss += pss
            print(f"| {role} {pid} | {rss:.0f} | {pss:.0f} | {private:.0f} |")
        print(f"| whole server | | {server_pss:.0f} | |")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
