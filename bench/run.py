#!/usr/bin/env python3
"""Benchmark careerguide against the framework's floor and nginx's static-file rate, on this machine.

    .venv/bin/python bench/run.py [--duration 5] [--connections 16] [--skip-100x]

Starts, on 127.0.0.1: gunicorn with the response cache off, gunicorn with it on, nginx (Debian's package, the
locations of deploy/) in front of the cached one; warms them; measures every target with wrk; then does it again
with 100× synthetic data. Prints a Markdown report (also written to bench/out/report.md, raw numbers to
bench/out/results.json). Installs wrk and nginx-light with apt-get when they are missing (needs root).
The database is a fresh SQLite file in bench/out/ unless BENCH_DATABASE_URL names a PostgreSQL database, which
is dropped and created anew.
"""

import argparse
import datetime
import json
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
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORTS = {"uncached": 18301, "cached": 18302, "nginx": 18303}

TARGETS = [
    ("home", "/"),
    ("skills list", "/skills/"),
    ("skill page", "/skills/communication/"),
    ("progression", "/progression/"),
    ("salaries", "/salaries/"),
    ("search", "/search/?q=" + urllib.parse.quote("沟通")),
    ("API skills list", "/api/v1/skills/"),
    ("API cities list", "/api/v1/cities/"),
]
PAGINATED = {"API skills list", "API cities list"}
FLOOR = "/bench/floor"


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_tools():
    missing = [package for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light")) if not shutil.which(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"bench needs {', '.join(missing)}: sudo apt-get install -y {' '.join(missing)}")
    log(f"installing {' '.join(missing)} from Debian")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def app_env(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=app_env(), check=True, stdout=subprocess.DEVNULL)


def fresh_database():
    if DATABASE_URL.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(DATABASE_URL.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    name = urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")
    if not name.startswith("careerguide_bench"):
        sys.exit("BENCH_DATABASE_URL must name a database called careerguide_bench…: it is dropped and recreated")
    server = urllib.parse.urlparse(DATABASE_URL)._replace(path="/postgres").geturl()
    subprocess.run(["psql", server, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", server, "-qc", f'CREATE DATABASE "{name}"'], check=True)


def cold_setup():
    fresh_database()
    started = time.monotonic()
    manage("migrate", "--noinput")
    manage("load_guide")
    return time.monotonic() - started


def grow():
    started = time.monotonic()
    manage("shell", "-c", "from bench import synthetic; synthetic.grow()")
    return time.monotonic() - started


def wait_for(port, path="/healthz", timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing answers on port {port}")


def start_gunicorn(name, **extra):
    logfile = open(OUT / f"gunicorn-{name}.log", "w")
    process = subprocess.Popen(
        [GUNICORN, "careerguide.wsgi", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=app_env(BIND=f"127.0.0.1:{PORTS[name]}", **extra),
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )
    wait_for(PORTS[name])
    return process


def start_nginx():
    base = OUT / "nginx"
    shutil.rmtree(base, ignore_errors=True)
    (base / "cache").mkdir(parents=True)
    locations = (ROOT / "deploy" / "careerguide-locations.conf").read_text()
    cache_path = re.search(r"proxy_cache_path\s+\S+\s+([^;]+);", (ROOT / "deploy" / "nginx.conf").read_text())
    config = f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes auto;
pid {base}/nginx.pid;
error_log {base}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;  # as in Debian's nginx.conf; the locations turn it off where it hurts
    keepalive_requests 100000;
    client_body_temp_path {base}/body;
    proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi;
    uwsgi_temp_path {base}/uwsgi;
    scgi_temp_path {base}/scgi;
    upstream careerguide {{ server 127.0.0.1:{PORTS["cached"]}; keepalive 32; }}
    proxy_cache_path {base}/cache {cache_path.group(1)};
    server {{
        listen 127.0.0.1:{PORTS["nginx"]};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        set $careerguide_static {ROOT / "staticfiles"};
        {locations}
    }}
}}
"""
    (base / "nginx.conf").write_text(config)
    subprocess.run(["nginx", "-t", "-q", "-c", base / "nginx.conf", "-p", base], check=True)
    subprocess.run(["nginx", "-c", base / "nginx.conf", "-p", base], check=True)
    wait_for(PORTS["nginx"], "/static/" + STATIC_FILE)
    return base / "nginx.pid"


def stop_nginx(pidfile):
    if pidfile.exists():
        os.kill(int(pidfile.read_text()), signal.SIGQUIT)
        time.sleep(0.5)


def wrk(port, path, duration, connections):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", result, re.M))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)),
        "p50_ms": to_ms(latencies["50"]),
        "p99_ms": to_ms(latencies["99"]),
        "requests": int(re.search(r"(\d+) requests in", result).group(1)),
        "non_2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", result) or [0, 0])[1]),
        "socket_errors": sum(map(int, re.findall(r"(?:connect|read|write|timeout) (\d+)", result))),
    }


def to_ms(text):
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def fetch(port, path):
    """(status, body size) of one plain GET, as wrk sends it (no compression)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid):
    """CPU used so far by a server: its master, the workers it has reaped and the live ones."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            child_fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(child_fields[11]) + int(child_fields[12])
    return total / TICKS


def wait_until_idle(pids, limit=180):
    """wrk stops sending when its time is up, but the server still works through what is queued; a slow page
    would otherwise be billed to the next measurement."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = sum(map(tree_cpu_seconds, pids))
        time.sleep(0.5)
        if sum(map(tree_cpu_seconds, pids)) - before < 0.05:
            return


def load_average():
    return Path("/proc/loadavg").read_text().split()[0]


def worker_rss_mb(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return {"workers": len(sizes), "max_mb": round(max(sizes), 1), "mean_mb": round(sum(sizes) / len(sizes), 1)}


def cache_status(path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{PORTS['nginx']}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.headers.get("X-Cache-Status", "-")


def proxy_checks():
    """What nginx does with the app's headers: public pages cached, the admin and logged-in readers never."""
    checks = {
        "public page, second read": ("/progression/", {}, "HIT"),
        "admin login page": ("/admin/login/", {}, "-"),
        "public page with a session cookie": ("/progression/", {"Cookie": "sessionid=abc"}, "BYPASS"),
    }
    results = {}
    for name, (path, headers, expected) in checks.items():
        cache_status(path, headers)
        seen = cache_status(path, headers)
        results[name] = {"expected": expected, "seen": seen}
        if seen != expected:
            raise RuntimeError(f"nginx: {name}: X-Cache-Status {seen}, expected {expected}")
    return results


def measure(label, duration, connections):
    """Every figure of one data set, servers started fresh."""
    servers = {"uncached": start_gunicorn("uncached", RESPONSE_CACHE_SECONDS=0), "cached": start_gunicorn("cached")}
    nginx_pid = start_nginx()
    nginx_master = int(nginx_pid.read_text())
    rows = []
    try:
        log(f"  nginx: {proxy_checks()}")

        def run(name, mode, port, path):
            status, size = fetch(port, path)
            if status != 200:
                raise RuntimeError(f"{name} ({mode}) does not answer 200 on {path}")
            pids = {"uncached": [servers["uncached"].pid], "nginx": [nginx_master, servers["cached"].pid]}.get(
                mode, [servers["cached"].pid]
            )
            wrk(port, path, 2, connections)  # warm: every worker renders and caches, nginx fills its cache
            wait_until_idle(pids)
            cpu = sum(map(tree_cpu_seconds, pids))
            figures = wrk(port, path, duration, connections)
            cpu = sum(map(tree_cpu_seconds, pids)) - cpu
            wait_until_idle(pids)
            figures["server_cpu_ms"] = cpu * 1000 / max(figures["requests"], 1)
            figures["load"] = load_average()
            figures["size_kb"] = size / 1024
            rows.append({"name": name, "mode": mode, "path": path, **figures})
            log(
                f"  {label:>4} {name:<22} {mode:<9} {figures['rps']:>8.0f}/s p50 {figures['p50_ms']:.2f} ms "
                f"p99 {figures['p99_ms']:.2f} ms non-2xx {figures['non_2xx']} "
                f"cpu {figures['server_cpu_ms']:.2f} ms/req load {figures['load']}"
            )

        run("floor", "-", PORTS["cached"], FLOOR)
        run("static file", "whitenoise", PORTS["cached"], "/static/" + STATIC_FILE)
        run("static file", "nginx", PORTS["nginx"], "/static/" + STATIC_FILE)
        for name, path in TARGETS:
            run(name, "uncached", PORTS["uncached"], path)
            run(name, "cached", PORTS["cached"], path)
            run(name, "nginx", PORTS["nginx"], path)
        rss = worker_rss_mb(servers["cached"])
    finally:
        stop_nginx(nginx_pid)
        for process in servers.values():
            process.send_signal(signal.SIGTERM)
        for process in servers.values():
            process.wait(timeout=30)
    return rows, rss


def hashed_static_file():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return manifest["paths"]["css/site.css"]


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024
    nginx_version = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("Copyright")[0].strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "nginx": nginx_version,
        "wrk": wrk_version,
        "database": DATABASE_URL.split("://")[0],
        "cache": "redis" if os.environ.get("BENCH_REDIS_URL") else "locmem",
    }


def report(info, runs, duration, connections):
    lines = [
        f"Run {info['date']} on {info['cpu']}, {info['cores']} cores, {info['memory_mb']} MB, Linux {info['kernel']}, "
        f"Python {info['python']}, {info['nginx']}, {info['wrk']}; database {info['database']}, "
        f"response cache {info['cache']}. wrk -t2 -c{connections} -d{duration}s on the same machine.",
        "",
    ]
    for label, run in runs.items():
        rows = run["rows"]
        floor = next(row for row in rows if row["name"] == "floor")["rps"]
        static = next(row for row in rows if row["name"] == "static file" and row["mode"] == "nginx")["rps"]
        lines += [
            f"### {label}: cold set-up {run['setup_s']:.1f} s"
            + (f" (of which 100× rows {run['grow_s']:.1f} s)" if "grow_s" in run else "")
            + f", worker RSS {run['rss']['mean_mb']} MB mean / {run['rss']['max_mb']} MB max "
            f"({run['rss']['workers']} workers)",
            "",
            "| target | mode | req/s | ÷ floor | ÷ nginx static | p50 ms | p99 ms | non-2xx | server CPU ms/req "
            "| KB | load avg |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            lines.append(
                f"| {row['name']} | {row['mode']} | {row['rps']:.0f} | {row['rps'] / floor:.0%} | "
                f"{row['rps'] / static:.1%} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} | "
                f"{row['non_2xx'] + row['socket_errors']} | {row['server_cpu_ms']:.2f} | {row['size_kb']:.0f} | {row['load']} |"
            )
        lines.append("")
        lines += check_targets(rows, floor, static)
        lines.append("")
    if len(runs) == 2:
        lines += [
            "### 100× against real data (paginated lists must stay within 20%)",
            "",
            "| target | mode | real req/s | 100× req/s | change |",
            "|---|---|---:|---:|---:|",
        ]
        real, big = (runs[label]["rows"] for label in runs)
        for before, after in zip(real, big, strict=False):
            if before["name"] in dict(TARGETS):
                change = after["rps"] / before["rps"] - 1
                mark = " (paginated)" if before["name"] in PAGINATED else ""
                lines.append(
                    f"| {before['name']}{mark} | {before['mode']} | {before['rps']:.0f} | "
                    f"{after['rps']:.0f} | {change:+.0%} |"
                )
    return "\n".join(lines) + "\n"


def check_targets(rows, floor, static):
    missed = []
    for row in rows:
        if row["name"] not in dict(TARGETS):
            continue
        ratio = row["rps"] / floor
        if row["mode"] == "cached" and ratio < 0.70:
            missed.append(f"{row['name']} cached at {ratio:.0%} of the floor (target 70%)")
        if row["mode"] == "uncached" and ratio < 0.15:
            missed.append(f"{row['name']} uncached at {ratio:.0%} of the floor (target 15%)")
        if row["mode"] == "nginx" and not row["name"].startswith("API") and row["rps"] / static < 0.50:
            missed.append(
                f"{row['name']} through nginx at {row['rps'] / static:.0%} of nginx's static file (target 50%)"
            )
        if row["mode"] in ("cached", "nginx") and row["p99_ms"] >= 50:
            missed.append(f"{row['name']} {row['mode']} p99 {row['p99_ms']:.1f} ms (target < 50 ms)")
    errors = [row for row in rows if row["non_2xx"] or row["socket_errors"]]
    missed += [
        f"{row['name']} {row['mode']}: {row['non_2xx']} non-2xx, {row['socket_errors']} socket errors" for row in errors
    ]
    return ["Targets: all met."] if not missed else ["Targets missed:", *[f"- {line}" for line in missed]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (default 5)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--skip-100x", action="store_true")
    args = parser.parse_args()

    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    log("collecting static files")
    manage("collectstatic", "--noinput")
    global STATIC_FILE
    STATIC_FILE = hashed_static_file()

    runs = {}
    log("cold set-up: migrate and load_guide on an empty database")
    setup = cold_setup()
    rows, rss = measure("real", args.duration, args.connections)
    runs["real data"] = {"setup_s": setup, "rows": rows, "rss": rss}
    if not args.skip_100x:
        log("adding 100× synthetic rows")
        setup = cold_setup()
        grown = grow()
        rows, rss = measure("100×", args.duration, args.connections)
        runs["100× data"] = {"setup_s": setup + grown, "grow_s": grown, "rows": rows, "rss": rss}

    text = report(info, runs, args.duration, args.connections)
    (OUT / "report.md").write_text(text)
    (OUT / "results.json").write_text(json.dumps({"machine": info, "runs": runs}, ensure_ascii=False, indent=1))
    print(text)


SECRET_KEY = secrets.token_urlsafe(50)
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{OUT / 'bench.sqlite3'}"
STATIC_FILE = None

if __name__ == "__main__":
    main()
