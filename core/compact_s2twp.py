"""OpenCC's s2twp conversion from flattened dictionaries: the same output in less than a third of the memory.

OpenCC looks a key up in a group of dictionaries through a table it builds in memory, about 20 MB for each of the
two groups of s2twp that hold its 49,000 phrases: 43 MB in every process that converts. A single dictionary needs
no such table, so a group whose every lookup one merged dictionary answers alike is written here as that
dictionary: s2twp then takes ~13 MB.

Merging changes no lookup. OpenCC matches the longest key at each position: in a "union" group the longest
across its dictionaries, the first dictionary winning for a key several hold; in a "short_circuit" group the
first dictionary holding any key there. A union is therefore the merge in which the first dictionary wins; a
short-circuit group too, when every dictionary after the first holds only single characters (any match of the
first is then at least as long, and it wins the tie). Other groups stay groups. tests/core/test_compact_s2twp.py
compares the output with OpenCC's own s2twp.

The merged dictionaries are written in OpenCC's own compact format (ocd2, by its opencc_dict tool, as its own
dictionaries are): loaded, the two large ones take 12 MB instead of the 20 MB of the same entries as plain text.
Lookups in them are slower (every page's text: 30 instead of 10 ms), which matters little: core.chinese converts
each distinct piece of a page once per process. `opencc_dict -i X.ocd2 -o X.txt -f ocd2 -t text` shows one as text.

The files in s2twp_dictionaries/ are generated from the installed OpenCC's (`manage.py build_s2twp_dictionaries`;
`--check` proves they still match) and used only with the OpenCC version they were generated from; with any other
version, OpenCC's own s2twp is used.
"""

import json
import logging
import subprocess
import tempfile
from pathlib import Path

import opencc

DIRECTORY = Path(__file__).resolve().parent / "s2twp_dictionaries"
CONFIG = DIRECTORY / "s2twp.json"
VERSION = DIRECTORY / "OPENCC_VERSION"
OPENCC = Path(opencc.__file__).resolve().parent / "clib"

logger = logging.getLogger(__name__)


def config_file(config):
    """What to build the converter `config` ("s2twp", "t2s", …) from."""
    if config != "s2twp":
        return config
    if not VERSION.exists() or VERSION.read_text().strip() != opencc.__version__:
        logger.warning("s2twp_dictionaries/ do not match OpenCC %s: using its own s2twp", opencc.__version__)
        return config
    return str(CONFIG)


def build(directory):
    """Write the flattened s2twp (its config, dictionaries and the OpenCC version) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    source = json.loads((OPENCC / "share" / "opencc" / "s2twp.json").read_text(encoding="utf-8"))
    if not set(source) <= {"name", "normalization", "segmentation", "conversion_chain"}:
        raise ValueError(f"OpenCC's s2twp.json has parts this does not know: {sorted(source)}")
    written = {}
    with tempfile.TemporaryDirectory() as scratch:
        reader = _Reader(Path(scratch))

        def rewrite(node):
            """A config "dict" node as one dictionary (flattened) or a group of rewritten nodes."""
            entries = _flattened(node, reader)
            if entries is None:
                return {**node, "dicts": [rewrite(child) for child in node["dicts"]]}
            name = _name(node)
            written[name] = entries
            return {"type": "ocd2", "file": name}

        config = {
            "name": f"{source['name']}, flattened from the dictionaries of OpenCC {opencc.__version__} (Apache-2.0)",
            "normalization": [{"dict": rewrite(step["dict"])} for step in source.get("normalization", [])],
            "segmentation": {**source["segmentation"], "dict": rewrite(source["segmentation"]["dict"])},
            "conversion_chain": [{"dict": rewrite(step["dict"])} for step in source["conversion_chain"]],
        }
        for name, entries in written.items():
            text = Path(scratch) / (Path(name).stem + ".txt")
            text.write_text("".join(f"{key}\t{entries[key]}\n" for key in sorted(entries)), encoding="utf-8")
            _opencc_dict(text, "text", directory / name, "ocd2")
    (directory / CONFIG.name).write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (directory / VERSION.name).write_text(opencc.__version__ + "\n")


def _flattened(node, reader):
    """{key: values} answering every lookup as `node` does, or None where no single dictionary can."""
    known = {"type", "match_policy", "dicts"} if node["type"] == "group" else {"type", "file"}
    if not set(node) <= known:  # an option such as may_output_tofu would need thought before it is merged away
        raise ValueError(f"a dictionary with options this does not know: {node}")
    if node["type"] != "group":
        return reader.entries(node)
    children = [_flattened(child, reader) for child in node["dicts"]]
    if any(child is None for child in children):
        return None
    if node.get("match_policy", "short_circuit") != "union":
        if any(len(key) > 1 for child in children[1:] for key in child):
            return None
    merged = {}
    for child in reversed(children):  # the first dictionary holding a key wins
        merged.update(child)
    return merged


def _name(node):
    if node["type"] != "group":
        return Path(node["file"]).stem + ".ocd2"
    return "+".join(Path(_name(child)).stem for child in node["dicts"]) + ".ocd2"


def _opencc_dict(source, source_format, output, output_format):
    command = [OPENCC / "bin" / "opencc_dict", "-i", source, "-o", output, "-f", source_format, "-t", output_format]
    subprocess.run(command, check=True, capture_output=True)


def read_dictionary(path, scratch):
    """{key: values} of the OpenCC binary dictionary at `path`, read through its own tool as text in `scratch`."""
    output = Path(scratch) / (Path(path).stem + ".txt")
    _opencc_dict(path, "ocd2", output, "text")
    read = {}
    # Only "\n" ends an entry: splitlines() would also cut at characters such as U+2028 inside one.
    for line in output.read_text(encoding="utf-8").removesuffix("\n").split("\n"):
        key, tab, values = line.partition("\t")
        if not (key and tab and values) or " " in key or "\t" in values:
            raise ValueError(f"{Path(path).name}: a line plain text cannot hold: {line!r}")
        read.setdefault(key, values)  # OpenCC keeps the first entry of a key
    return read


class _Reader:
    """OpenCC's own dictionaries, named by a config's "dict" nodes."""

    def __init__(self, scratch):
        self.scratch = scratch

    def entries(self, node):
        if node["type"] != "ocd2":
            raise ValueError(f"not an OpenCC binary dictionary: {node}")
        return read_dictionary(OPENCC / "share" / "opencc" / node["file"], self.scratch)
