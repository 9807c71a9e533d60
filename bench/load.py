#!/usr/bin/env python3
"""Load test: many concurrent connections against the production server, zero errors and zero 5xx allowed.

    .venv/bin/python bench/load.py            # the full run: 200 connections for 30 s
    .venv/bin/python bench/load.py --short    # the CI run: 20 connections for 3 s
    .venv/bin/python bench/load.py --record   # the full run, figures written to bench/LOAD.md
    .venv/bin/python bench/load.py --nice -10 # gunicorn and wrk ahead of other work on a shared machine (root)

Serves a fresh database (SQLite in bench/out/load/, or LOAD_DATABASE_URL) with the production settings — DEBUG
off, HTTPS=1 as behind the TLS proxy of deploy/, collected static files — through gunicorn with the project's
gunicorn.conf.py on 127.0.0.1, and drives it with wrk (Debian's package; installed with apt-get when missing)
over a mix of pages, API calls, static files and the health check. Each request says it came through the proxy
from one of 200 client addresses, as nginx would report them: the API's per-client rate limit applies as in
production, to each simulated visitor. Exits non-zero on any socket error, timeout, non-2xx/3xx or 5xx.
"""

import argparse
import datetime
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "load"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CLIENTS = 200

# What visitors and client services ask for, roughly in proportion: pages first, then API reads.
MIX = [
    "/",
    "/skills/",
    "/skills/communication/",
    "/skills/product-knowledge/",
    "/progression/",
    "/learning/",
    "/salaries/",
    "/salaries/beijing/",
    "/salaries/compare/?cities=beijing,shanghai",
    "/salaries/?sort=-salary",
    "/search/?q=" + urllib.parse.quote("沟通"),
    "/search/?q=" + urllib.parse.quote("北京"),
    "/sources/",
    "/assessment/",
    "/",
    "/skills/",
    "/api/v1/skills/",
    "/api/v1/skills/communication/",
    "/api/v1/skills/?q=" + urllib.parse.quote("沟通"),
    "/api/v1/stages/",
    "/api/v1/cities/?ordering=-salary",
    "/api/v1/cities/?page=2",
    "/api/v1/salary-summary/",
    "/api/v1/meta/",
    "/api/v1/resources/?kind=book",
    "/api/v1/skills/?lang=zh-hant",
    "/healthz",
]

LUA = r"""
local paths = {%(paths)s}
local clients = %(clients)d
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = math.random(#paths)
  c2xx, c3xx, c4xx, c5xx = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local client = math.random(clients)
  local headers = {
    ["X-Forwarded-Proto"] = "https",
    ["X-Forwarded-For"] = "10.77." .. math.floor(client / 256) .. "." .. (client %% 256),
    ["Accept-Language"] = "zh-CN,zh;q=0.9",
  }
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status >= 500 then c5xx = c5xx + 1
  elseif status >= 400 then c4xx = c4xx + 1
  elseif status >= 300 then c3xx = c3xx + 1
  else c2xx = c2xx + 1 end
end

function done(summary, latency, requests)
  local totals = {c2xx = 0, c3xx = 0, c4xx = 0, c5xx = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + thread:get(key) end
  end
  io.write(string.format("STATUS 2xx=%%d 3xx=%%d 4xx=%%d 5xx=%%d\n", totals.c2xx, totals.c3xx, totals.c4xx, totals.c5xx))
  io.write(string.format("LATENCY p50=%%.1f p90=%%.1f p99=%%.1f max=%%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("SUMMARY requests=%%d duration=%%.2f bytes=%%d connect=%%d read=%%d write=%%d timeout=%%d status=%%d\n",
    summary.requests, summary.duration / 1e6, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
end
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("the load test needs wrk: sudo apt-get install -y wrk")
    log("installing wrk from Debian")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True, env=env)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(port):
    database = os.environ.get("LOAD_DATABASE_URL") or f"sqlite:///{OUT / 'load.sqlite3'}"
    return {
        **{key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database,
        "BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "INFO",
    }


def prepare(env):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.sqlite3").unlink(missing_ok=True)
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"], ["load_guide", "-v0"]):
        subprocess.run([str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True)


def wait_until_up(base, timeout=60):
    request = urllib.request.Request(base + "/healthz", headers={"X-Forwarded-Proto": "https"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz")


def check_mix(base):
    """Every path of the mix answers 200 before the load starts: a typo would otherwise count as load errors."""
    for path in MIX:
        request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200, (path, response.status)
    # And the static files the pages link to, through whitenoise.
    with urllib.request.urlopen(urllib.request.Request(base + "/", headers={"X-Forwarded-Proto": "https"})) as page:
        html = page.read().decode()
    return sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)))


def run_wrk(base, paths, connections, duration, threads, niced):
    script = OUT / "mix.lua"
    quoted = ", ".join('"' + path.replace('"', '\\"') + '"' for path in paths)
    script.write_text(LUA % {"paths": quoted, "clients": CLIENTS})
    command = [
        *niced,
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        base + "/",
    ]
    log("$ " + " ".join(command))
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout


def parse(output):
    figures = {}
    for prefix in ("STATUS", "LATENCY", "SUMMARY"):
        line = next(line for line in output.splitlines() if line.startswith(prefix + " "))
        figures.update({key: float(value) for key, value in (item.split("=") for item in line.split()[1:])})
    figures["rps"] = figures["requests"] / figures["duration"]
    return figures


def record(figures, args, static_paths, log_5xx, workers):
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    niceness = (
        f"; gunicorn and wrk ran at nice {args.nice} (`--nice {args.nice}`) to keep them ahead" if args.nice else ""
    )
    database = "PostgreSQL" if os.environ.get("LOAD_DATABASE_URL") else "SQLite"
    text = f"""# Load test

`.venv/bin/python bench/load.py --record{" --nice " + str(args.nice) if args.nice else ""}` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {machine}.
wrk (load generator) and gunicorn ({workers}) share the machine's cores. Database: {database}.
Load average when the run ended (1, 5, 15 min): {load} — other processes were using the machine too{niceness}.

Production settings (DEBUG off, HTTPS=1 behind a simulated TLS proxy: every request carries
`X-Forwarded-Proto: https` and `X-Forwarded-For` of one of {CLIENTS} client addresses), gunicorn with `gunicorn.conf.py`
on 127.0.0.1, the response cache on. Mix: {len(MIX)} page and API URLs (`bench/load.py` `MIX`) plus the
{len(static_paths)} static files the home page links to, requested round-robin.

| | |
|---|---|
| connections | {args.connections} |
| duration | {figures["duration"]:.1f} s |
| requests | {figures["requests"]:.0f} |
| requests/s | {figures["rps"]:.0f} |
| latency p50 / p90 / p99 / max | {figures["p50"]:.0f} / {figures["p90"]:.0f} / {figures["p99"]:.0f} / {figures["max"]:.0f} ms |
| 2xx / 3xx / 4xx / 5xx | {figures["2xx"]:.0f} / {figures["3xx"]:.0f} / {figures["4xx"]:.0f} / {figures["5xx"]:.0f} |
| socket errors (connect / read / write / timeout) | {figures["connect"]:.0f} / {figures["read"]:.0f} / {figures["write"]:.0f} / {figures["timeout"]:.0f} |
| 5xx lines in the server's request log | {log_5xx} |

wrk's client timeout is 10 s (its default, 2 s, would count a request queued behind 199 others as an error
although the server answers it). The CI runs `bench/load.py --short` (20 connections, 3 s) with the same checks.
"""
    (ROOT / "bench" / "LOAD.md").write_text(text)
    log("written to bench/LOAD.md")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="20 connections for 3 s (for CI)")
    parser.add_argument("--connections", type=int)
    parser.add_argument("--duration", type=int)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--record", action="store_true", help="write the figures to bench/LOAD.md")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run gunicorn and wrk at this nice level (e.g. -10 as root on a shared machine)",
    )
    args = parser.parse_args()
    args.connections = args.connections or (20 if args.short else 200)
    args.duration = args.duration or (3 if args.short else 30)

    ensure_wrk()
    port = free_port()
    env = production_env(port)
    log("preparing a fresh database and collected static files")
    prepare(env)
    server_log = open(OUT / "gunicorn.log", "w")
    niced = ["nice", "-n", str(args.nice)] if args.nice else []
    server = subprocess.Popen(
        [*niced, str(GUNICORN), "careerguide.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        static_paths = check_mix(base)
        output = run_wrk(base, MIX + static_paths, args.connections, args.duration, args.threads, niced)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        server_log.close()
    print(output)
    figures = parse(output)
    request_lines = [line for line in (OUT / "gunicorn.log").read_text().splitlines() if "careerguide.requests" in line]
    log_5xx = sum(1 for line in request_lines if re.search(r" 5\d\d \d", line))
    workers = f"{env.get('WEB_CONCURRENCY') or (os.cpu_count() * 2 + 1)} workers"
    print(
        f"{figures['requests']:.0f} requests, {figures['rps']:.0f}/s, p99 {figures['p99']:.0f} ms, "
        f"5xx {figures['5xx']:.0f}, non-2xx/3xx {figures['status']:.0f}, socket errors "
        f"{figures['connect'] + figures['read'] + figures['write'] + figures['timeout']:.0f}, 5xx in log {log_5xx}"
    )
    if args.record:
        record(figures, args, static_paths, log_5xx, workers)
    failures = figures["connect"] + figures["read"] + figures["write"] + figures["timeout"] + figures["status"]
    if failures or figures["5xx"] or figures["4xx"] or log_5xx:
        sys.exit("load test failed: errors or non-2xx/3xx responses")


if __name__ == "__main__":
    main()
