#!/usr/bin/env python3
"""Every page and endpoint of bench/cpu.py, in both scripts, written to a folder: what a speed-up must not change.

    .venv/bin/python bench/snapshot.py bench/out/before      # on the old commit
    .venv/bin/python bench/snapshot.py bench/out/after       # on the new one
    diff -r bench/out/before bench/out/after

Each run loads a fresh SQLite database, so the data version token differs between runs; it is replaced by a
placeholder, and so is the moment of the load (the API's `last_changed`).
"""

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cpu import OUT, PYTHON, ROOT, environment, prepare  # noqa: E402

TOKEN = re.compile(r"[0-9a-f]{15,16}-[0-9a-f]{8}")
MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00")


def dump(folder):
    import django

    django.setup()
    from django.test import Client

    from bench.cpu import targets

    folder.mkdir(parents=True, exist_ok=True)
    for language in ("zh-hans", "zh-hant"):
        client = Client()
        client.cookies["django_language"] = language
        for name, url in targets():
            shown = (
                url + ("&" if "?" in url else "?") + "lang=zh-hant"
                if url.startswith("/api/") and language == "zh-hant"
                else url
            )
            for _ in range(2):  # the second answer is the one a warm process gives
                response = client.get(shown)
            body = MOMENT.sub("<moment>", TOKEN.sub("<version>", response.content.decode()))
            (folder / f"{name.replace(' ', '-')}.{language}.txt").write_text(f"{response.status_code}\n{body}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--inner":
        return dump(Path(sys.argv[2]))
    folder = Path(sys.argv[1]).resolve()
    OUT.mkdir(exist_ok=True)
    database = OUT / "snapshot.sqlite3"
    prepare(database, hundredfold=False)
    env = environment(database)
    subprocess.run([PYTHON, __file__, "--inner", str(folder)], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    sys.exit(main())
