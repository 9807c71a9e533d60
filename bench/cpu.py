#!/usr/bin/env python3
"""CPU milliseconds per uncached request, page by page, against the framework floor — in one process, one run.

    .venv/bin/python bench/cpu.py [--repeat 15] [--100x] [--json bench/out/cpu.json]

What a page costs to build is what every reader of the self-assessment, every new search and every first read
after an edit pays; the response cache hides it from everyone else. Wall-clock rates on a shared machine move
with the neighbours, CPU time of the process much less, and its ratio to the floor (a view that returns "ok"
behind the same middleware, measured in the same run) least of all. So this measures, with the production
settings and the response cache off:

- CPU ms per request: the median of --repeat requests after three warm-up requests, through Django's test
  client (the same for the floor, so the ratio is fair);
- the ratio floor ÷ page (the primary figure: 6 % means the page costs about 17 floors);
- SQL queries and response bytes of one request;
- the same CPU figure and queries after an edit: with the rendered fragments (core.fragments) and the API's
  records (core.api.base.RECORDS) dropped before each request, which is what the first reader after an edit
  pays (the per-process conversion memos stay warm);
- a search for a word never searched before on every request ("search, a new query"), since a repeated query
  finds its results kept;
- the same CPU figure for a reader who chose 繁體 (every page converted to Taiwan Traditional script);
- the resident memory of a fresh worker process after serving every page once in Simplified script, and then
  after serving them all again in Traditional script: one process of this development install on SQLite, an
  upper bound; bench/memory.py measures real gunicorn workers, installed and configured as on a server.

The database is a fresh SQLite file in bench/out/ (with --100x: plus the synthetic rows of bench/synthetic.py).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
FLOOR = "/bench/floor"

TARGETS = [
    ("home", "/"),
    ("skills list", "/skills/"),
    ("skill page", "/skills/communication/"),
    ("progression", "/progression/"),
    ("stage page", "/progression/stable/"),
    ("learning", "/learning/"),
    ("salaries", "/salaries/"),
    ("city page", "/salaries/hangzhou/"),
    ("compare", "/salaries/compare/?cities=beijing,shanghai"),
    ("salary method", "/salaries/method/"),
    ("search", "/search/?q=沟通"),
    ("sources", "/sources/"),
    ("assessment form", "/assessment/"),
    ("assessment step", "/assessment/?stage=promotion&track=management&step=2"),
    ("assessment full form", "/assessment/?all=1"),
    ("assessment result", "/assessment/result/?stage=promotion&track=management&city=beijing"),
    ("API skills list", "/api/v1/skills/"),
    ("API skill", "/api/v1/skills/communication/"),
    ("API stages", "/api/v1/stages/"),
    ("API cities list", "/api/v1/cities/"),
    ("API meta", "/api/v1/meta/"),
    ("API bulk download", "/api/v1/download/"),
]
# The assessment pages are never cached (someone's answers), so their target is lower.
TARGET_RATIO = {
    "assessment form": 0.03,
    "assessment step": 0.03,
    "assessment full form": 0.03,
    "assessment result": 0.03,
    "API bulk download": None,
}
DEFAULT_TARGET = 0.06


def environment(database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-a-secret"),
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "RESPONSE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "testserver",  # the test client's host name
        "PYTHONPATH": str(ROOT),
    }


def prepare(database, hundredfold):
    database.unlink(missing_ok=True)
    env = environment(database)
    for args in (["migrate", "--noinput", "-v0"], ["load_guide", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    if hundredfold:
        code = "from bench import synthetic; synthetic.grow()"
        subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


# Measured with a word no earlier request of the run searched for, in place of NEW_QUERY: what every new search
# pays (the "search" row repeats one query, whose results a second reader finds kept).
NEW_QUERY = "{new}"
NEW_SEARCH = ("search, a new query", f"/search/?q={NEW_QUERY}")


def fresh_words():
    """Words that each find something, none of them searched for before: the names of skills, cities and
    overview entries."""
    from progression.models import OverviewEntry
    from salaries.models import City
    from skills.models import Skill

    names = [Skill.objects.values_list("name", flat=True), City.objects.values_list("name", flat=True)]
    names.append(OverviewEntry.objects.values_list("title", flat=True))
    return iter([name for queryset in names for name in queryset])


def address(url, words):
    if NEW_QUERY not in url:
        return url
    word = next(words, None)
    if word is None:
        sys.exit("Not enough distinct words for a new query on every request: use a smaller --repeat.")
    return url.replace(NEW_QUERY, urllib.parse.quote(word))


def targets():
    """The URLs with a complete answer sheet on the result page: every skill rated 入门, as a shared link has."""
    from skills.models import Skill

    ratings = "".join(f"&skill-{slug}=1" for slug in Skill.objects.values_list("slug", flat=True))
    return [(name, url + ratings if name == "assessment result" else url) for name, url in TARGETS]


def forget_rendered():
    """What an edit does to everything kept under the data version — the rendered fragments (core.fragments), the
    API's records (core.api.base.RECORDS), the assessment's catalog: a new version, under which none of it is
    found, so the next request builds it all again."""
    from core.models import DataVersion

    DataVersion.bump()


def cpu_ms(client, url, repeat, words, cold=False):
    """With `cold`, what an edit invalidates is dropped before each request (forget_rendered), outside the
    timing: what the first reader after an edit pays."""
    for _ in range(3):
        response = client.get(address(url, words))
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        if cold:
            forget_rendered()
        requested = address(url, words)
        started = time.process_time()
        client.get(requested)
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def measure(repeat):
    """Runs inside the benchmarked process (Django set up by the caller)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    traditional = Client()
    traditional.cookies["django_language"] = "zh-hant"
    rows = []
    words = fresh_words()
    for name, url in [("floor", FLOOR), *targets(), NEW_SEARCH]:
        # The API reads the script from the Accept-Language header or ?lang=, pages from the cookie.
        shown_traditional = url + ("&" if "?" in url else "?") + "lang=zh-hant" if url.startswith("/api/") else url
        row = {"name": name, "url": url, "cpu_ms": cpu_ms(client, url, repeat, words)}
        row["cpu_ms_traditional"] = cpu_ms(traditional, shown_traditional, repeat, words)
        row["cpu_ms_cold"] = cpu_ms(client, url, repeat, words, cold=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address(url, words))
        forget_rendered()
        with CaptureQueriesContext(connection) as cold_queries:
            client.get(address(url, words))
        row.update(queries=len(queries), queries_cold=len(cold_queries), bytes=len(response.content))
        rows.append(row)
    return rows


def rss_mb():
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024


def worker_memory():
    """RSS in MB of this process after serving every target once in Simplified script, then after every target
    once more in Traditional script (run in a fresh process)."""
    from django.test import Client

    memory = {}
    for language in ("zh-hans", "zh-hant"):
        client = Client()
        client.cookies["django_language"] = language
        for _name, url in targets():
            client.get(url)
        memory[language] = rss_mb()
    return memory


def inner(mode, repeat):
    import django

    django.setup()
    result = measure(repeat) if mode == "measure" else worker_memory()
    print(json.dumps(result))


def report(rows, memory, hundredfold):
    floor = rows[0]["cpu_ms"]
    lines = [
        f"# CPU per uncached request ({'100× data' if hundredfold else 'real data'})",
        "",
        f'Floor (a view returning "ok" behind every middleware): **{floor:.2f} ms** CPU per request.',
        f"Worker RSS after every page in Simplified script: **{memory['zh-hans']:.0f} MB**; "
        f"after every page in both scripts: **{memory['zh-hant']:.0f} MB**.",
        "",
        "| page | CPU ms | ÷ floor | target | 繁體 CPU ms | 繁體 ÷ floor | after an edit: CPU ms | ÷ floor "
        "| queries | after an edit: queries | KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows[1:]:
        target = TARGET_RATIO.get(row["name"], DEFAULT_TARGET)

        def ratio(ms, target=target):
            mark = "" if target is None else (" ✓" if floor / ms >= target else " ✗")
            return f"{floor / ms:.1%}{mark}"

        lines.append(
            f"| {row['name']} | {row['cpu_ms']:.1f} | {ratio(row['cpu_ms'])} "
            f"| {'—' if target is None else f'{target:.0%}'} "
            f"| {row['cpu_ms_traditional']:.1f} | {ratio(row['cpu_ms_traditional'])} "
            f"| {row['cpu_ms_cold']:.1f} | {floor / row['cpu_ms_cold']:.1%} "
            f"| {row['queries']} | {row['queries_cold']} | {row['bytes'] / 1024:.0f} |"
        )
    return "\n".join(lines)


def run_inner(database, mode, repeat):
    args = [PYTHON, __file__, "--inner", mode, "--repeat", str(repeat)]
    result = subprocess.run(args, cwd=ROOT, env=environment(database), capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--100x", dest="hundredfold", action="store_true", help="add the 100× synthetic rows")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--inner", choices=["measure", "memory"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args.inner, args.repeat)
    OUT.mkdir(exist_ok=True)
    database = OUT / ("cpu-100x.sqlite3" if args.hundredfold else "cpu.sqlite3")
    prepare(database, args.hundredfold)
    rows = run_inner(database, "measure", args.repeat)
    memory = run_inner(database, "memory", args.repeat)
    print(report(rows, memory, args.hundredfold))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "rss_mb": memory}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
