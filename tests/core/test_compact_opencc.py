"""s2twp, t2s and tw2sp from the rewritten dictionaries: OpenCC's own output, in a fraction of the memory, never
out of date."""

import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc
import pytest
from django.core.management import call_command

from core import compact_opencc
from core.chinese import converter
from core.management.commands import build_opencc_dictionaries as build_command

PROJECT = Path(__file__).resolve().parents[2]


def _files(node):
    if node["type"] == "group":
        return [file for child in node["dicts"] for file in _files(child)]
    return [node["file"]]


def _opencc_s_own_entries():
    """{key: values} of every dictionary OpenCC's own s2twp, t2s and tw2sp read."""
    files = set()
    for name in compact_opencc.CONFIGS:
        config = json.loads((compact_opencc.OPENCC / "share" / "opencc" / f"{name}.json").read_text(encoding="utf-8"))
        steps = [*config.get("normalization", []), config.get("segmentation"), *config["conversion_chain"]]
        files.update(file for step in steps if step for file in _files(step["dict"]))
    entries = {}
    with tempfile.TemporaryDirectory() as scratch:
        for file in sorted(files):
            entries |= compact_opencc.read_dictionary(compact_opencc.OPENCC / "share" / "opencc" / file, scratch)
    return entries


def texts():
    """The sources, every key and value of OpenCC's dictionaries, and seeded mixtures that put keys across each
    other's boundaries, next to the private-use characters core.chinese uses, ASCII, markup and emoji."""
    for source in sorted((PROJECT / "fixtures" / "sources").glob("*.txt")):
        yield source.read_text(encoding="utf-8")
    entries = _opencc_s_own_entries()
    keys = sorted(entries)
    values = sorted({value for values in entries.values() for value in values.split(" ")})
    yield "".join(keys)
    yield "\n".join(keys)
    yield "".join(values)
    yield "\n".join(values)
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


@pytest.mark.parametrize("config", compact_opencc.CONFIGS)
def test_it_converts_exactly_as_opencc_s_own(config):
    assert compact_opencc.config_file(config) == str(compact_opencc.DIRECTORY / config / f"{config}.json")
    own, rewritten = opencc.OpenCC(config), converter(config)
    for text in texts():
        assert rewritten.convert(text) == own.convert(text), text[:200]


def test_the_committed_dictionaries_are_the_installed_opencc_s():
    call_command("build_opencc_dictionaries", check=True, stdout=io.StringIO())


def test_a_rebuild_writes_what_the_check_compares_against(monkeypatch, tmp_path):
    target = tmp_path / "opencc_dictionaries"
    monkeypatch.setattr(build_command, "DIRECTORY", target)
    call_command("build_opencc_dictionaries", stdout=io.StringIO())

    def contents(directory):
        return {str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()}

    assert contents(target) == contents(compact_opencc.DIRECTORY)


def test_a_rebuild_that_fails_leaves_the_dictionaries_as_they_were(monkeypatch, tmp_path):
    target = tmp_path / "opencc_dictionaries"
    target.mkdir()
    (target / "OPENCC_VERSION").write_text("1.4.2\n")

    def broken(directory):
        (directory / "half-written.ocd2").write_bytes(b"")
        raise FileNotFoundError("opencc_dict")

    monkeypatch.setattr(build_command, "DIRECTORY", target)
    monkeypatch.setattr(build_command, "build", broken)
    with pytest.raises(FileNotFoundError):
        call_command("build_opencc_dictionaries", stdout=io.StringIO())
    assert [path.name for path in target.iterdir()] == ["OPENCC_VERSION"]


def test_with_another_opencc_version_it_uses_opencc_s_own_configs(monkeypatch):
    monkeypatch.setattr(opencc, "__version__", "0.0.1")
    assert [compact_opencc.config_file(config) for config in compact_opencc.CONFIGS] == ["s2twp", "t2s", "tw2sp"]


MEMORY_PROBE = """
import sys
from pathlib import Path
import opencc
from core.compact_opencc import CONFIGS, config_file
def rss():
    status = Path("/proc/self/status").read_text().splitlines()
    return int(next(line.split()[1] for line in status if line.startswith("VmRSS"))) // 1024
before = rss()
converters = [opencc.OpenCC(config_file(name) if sys.argv[1] == "rewritten" else name) for name in CONFIGS]
print(rss() - before)
"""


def test_it_holds_a_fraction_of_the_memory_of_opencc_s_own():
    grown = {}
    for kind in ("rewritten", "own"):
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, kind], cwd=PROJECT, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        grown[kind] = int(result.stdout)
    # ~6 MB for the three rewritten, ~46 for OpenCC's own
    assert grown["rewritten"] < 10 and grown["own"] > 40, grown
