"""s2twp from the flattened dictionaries: OpenCC's own output, in a fraction of the memory, never out of date."""

import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc
from django.core.management import call_command

from core import compact_s2twp
from core.chinese import converter

PROJECT = Path(__file__).resolve().parents[2]


def texts():
    """The sources, every key and value of the dictionaries, and seeded mixtures that put keys across each other's
    boundaries, next to the private-use characters core.chinese uses, ASCII, markup and emoji."""
    for source in sorted((PROJECT / "fixtures" / "sources").glob("*.txt")):
        yield source.read_text(encoding="utf-8")
    entries = {}
    with tempfile.TemporaryDirectory() as scratch:
        for path in compact_s2twp.DIRECTORY.glob("*.ocd2"):
            entries |= compact_s2twp.read_dictionary(path, scratch)
    keys = sorted(entries)
    values = sorted({value for values in entries.values() for value in values.split(" ")})
    yield "".join(keys)
    yield "\n".join(keys)
    yield "".join(values)
    others = ["\ue000", "\ue001", "a", "7", " ", ",", "，", "<b>", "&amp;", "😀", "\n"]
    characters = sorted(set("".join(keys + values))) + others
    pool = keys + values + others
    rng = random.Random(15)
    for _ in range(100):
        yield "".join(rng.choice(pool) for _ in range(rng.randint(1, 300)))
        yield "".join(rng.choice(characters) for _ in range(rng.randint(1, 1000)))
        yield "".join(
            key[: rng.randint(0, len(key))] + rng.choice(keys)[rng.randint(0, 2) :] for key in rng.sample(keys, 100)
        )


def test_it_converts_exactly_as_opencc_s2twp():
    assert compact_s2twp.config_file("s2twp") == str(compact_s2twp.CONFIG)
    own, flattened = opencc.OpenCC("s2twp"), converter("s2twp")
    for text in texts():
        assert flattened.convert(text) == own.convert(text), text[:200]


def test_the_committed_dictionaries_are_the_installed_opencc_s():
    call_command("build_s2twp_dictionaries", check=True, stdout=io.StringIO())


def test_with_another_opencc_version_it_uses_opencc_s_own_s2twp(monkeypatch):
    monkeypatch.setattr(opencc, "__version__", "0.0.1")
    assert compact_s2twp.config_file("s2twp") == "s2twp"
    assert compact_s2twp.config_file("t2s") == "t2s"


MEMORY_PROBE = """
import sys
from pathlib import Path
import opencc
from django.core.management import call_command
from core.compact_s2twp import config_file
def rss():
    status = Path("/proc/self/status").read_text().splitlines()
    return int(next(line.split()[1] for line in status if line.startswith("VmRSS"))) // 1024
before = rss()
opencc.OpenCC(config_file("s2twp") if sys.argv[1] == "flattened" else "s2twp")
print(rss() - before)
"""


def test_it_holds_a_fraction_of_the_memory_of_opencc_s_own():
    grown = {}
    for kind in ("flattened", "own"):
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, kind], cwd=PROJECT, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        grown[kind] = int(result.stdout)
    # ~13 MB in ocd2, ~20 in plain text, 43 for OpenCC's own
    assert grown["flattened"] < 16 and grown["own"] > 30, grown
