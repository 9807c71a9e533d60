"""OpenCC's s2twp, t2s and tw2sp from rewritten dictionaries: the same output in a fraction of the memory.

OpenCC looks a key up in a group of dictionaries through a table it builds in memory, about 20 MB for each of the
two groups of s2twp that hold its 49,000 phrases: 43 MB in every process that converts. A single dictionary needs
no such table, and each entry it holds costs about a hundred bytes. Three rewrites, each changing no lookup that
OpenCC makes, leave s2twp at ~4 MB and the two converters that read what a reader types at ~1 MB each:

- A group whose every lookup one merged dictionary answers alike is written as that dictionary. OpenCC matches the
  longest key at each position: in a "union" group the longest across its dictionaries, the first dictionary
  winning for a key several hold; in a "short_circuit" group the longest of the first dictionary holding any key
  there. A union is therefore the merge in which the first dictionary wins; a short-circuit group too, once the keys
  that can never match are left out: a key that begins with a shorter key of an earlier dictionary (wherever it
  would match, the shorter one matches too, and the earlier dictionary answers). A dictionary marked
  "may_output_tofu" is merged like the others: the converters are built with OpenCC's default, which uses it.
- The segmentation's dictionary is written without values: segmenting reads only where keys begin and end.
- The first conversion after segmentation keeps only the phrases that change how a segment is converted.
  Segmentation cuts text into its dictionary's keys and the runs between them, and the conversion converts each
  segment apart, matching the longest key from the segment's start. In a run no key of the segmentation starts
  anywhere, so there only keys the segmentation lacks match, and none of those is dropped. A segment that is a key
  (most of s2twp's phrases) converts to the same text through its parts when the phrase is dropped: 发展 through 发
  and 展. It is dropped only then, and `_without_redundant_phrases` proves every key of the segmentation still
  converts as before. The phrases kept are those whose characters alone would convert wrongly (头发 → 頭髮).
  Later conversions see converted text, which is the same, and are left whole.

Only a value's first form is kept: OpenCC converts to it and never reads the others.

The rewritten dictionaries are written in OpenCC's compact format (ocd2, by its opencc_dict tool, as its own
dictionaries are). Lookups in it are slower than in plain text (every page's text: 30 instead of 10 ms), which
matters little: core.chinese converts each distinct piece of a page once per process. `opencc_dict -i X.ocd2 -o
X.txt -f ocd2 -t text` shows one as text. tests/core/test_compact_opencc.py compares the output with OpenCC's own.

The files in opencc_dictionaries/ are generated from the installed OpenCC's (`manage.py build_opencc_dictionaries`;
`--check` proves they still match) and used only with the OpenCC version they were generated from; with any other
version, OpenCC's own configs are used.
"""

import json
import logging
import subprocess
import tempfile
from pathlib import Path

import opencc

CONFIGS = ("s2twp", "t2s", "tw2sp")
DIRECTORY = Path(__file__).resolve().parent / "opencc_dictionaries"
VERSION = DIRECTORY / "OPENCC_VERSION"
OPENCC = Path(opencc.__file__).resolve().parent / "clib"

logger = logging.getLogger(__name__)


def config_file(config):
    """What to build the converter `config` ("s2twp", "t2s", "tw2sp") from."""
    if config not in CONFIGS:
        return config
    if not VERSION.exists() or VERSION.read_text().strip() != opencc.__version__:
        logger.warning("opencc_dictionaries/ do not match OpenCC %s: using its own %s", opencc.__version__, config)
        return config
    return str(DIRECTORY / config / f"{config}.json")


def build(directory):
    """Write every rewritten config (its JSON and dictionaries, one folder each) and the OpenCC version."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        reader = _Reader(Path(scratch))
        for name in CONFIGS:
            _build_config(name, directory / name, reader)
    (directory / VERSION.name).write_text(opencc.__version__ + "\n")


def _build_config(name, directory, reader):
    source = json.loads((OPENCC / "share" / "opencc" / f"{name}.json").read_text(encoding="utf-8"))
    if not set(source) <= {"name", "normalization", "segmentation", "conversion_chain"}:
        raise ValueError(f"OpenCC's {name}.json has parts this does not know: {sorted(source)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}

    def rewrite(node, rewritten=_first_values, suffix=""):
        """A config "dict" node as one dictionary (flattened, then `rewritten`) or a group of rewritten nodes."""
        entries = _flattened(node, reader)
        if entries is None:
            return {"type": "group", "match_policy": node.get("match_policy", "short_circuit"),
                    "dicts": [rewrite(child) for child in node["dicts"]]}  # fmt: skip
        file = _name(node) + suffix + ".ocd2"
        written[file] = rewritten(entries)
        return {"type": "ocd2", "file": file}

    config = {
        "name": f"{source['name']}, rewritten from the dictionaries of OpenCC {opencc.__version__} (Apache-2.0)",
        "normalization": [{"dict": rewrite(step["dict"])} for step in source.get("normalization", [])],
    }
    chain = source["conversion_chain"]
    segmentation = source.get("segmentation")
    segment_keys = _flattened(segmentation["dict"], reader) if segmentation else None
    if segment_keys is None:
        if segmentation:
            config["segmentation"] = {**segmentation, "dict": rewrite(segmentation["dict"])}
        first = rewrite(chain[0]["dict"])
    else:
        keys_only = dict.fromkeys(segment_keys, "")
        config["segmentation"] = {**segmentation, "dict": rewrite(segmentation["dict"], lambda _: keys_only, ".keys")}
        first = rewrite(chain[0]["dict"], lambda entries: _without_redundant_phrases(entries, segment_keys), ".phrases")
    config["conversion_chain"] = [{"dict": first}, *({"dict": rewrite(step["dict"])} for step in chain[1:])]
    for file, entries in written.items():
        text = reader.scratch / (Path(file).stem + ".txt")
        text.write_text("".join(f"{key}\t{entries[key]}\n" for key in sorted(entries)), encoding="utf-8")
        _opencc_dict(text, "text", directory / file, "ocd2")
    (directory / f"{name}.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _flattened(node, reader):
    """{key: values} answering every lookup as `node` does, or None where no single dictionary can."""
    known = {"type", "match_policy", "dicts"} if node["type"] == "group" else {"type", "file", "may_output_tofu"}
    if not set(node) <= known:  # another option would need thought before it is merged away
        raise ValueError(f"a dictionary with options this does not know: {node}")
    if node["type"] != "group":
        return reader.entries(node)
    policy = node.get("match_policy", "short_circuit")
    children = [_flattened(child, reader) for child in node["dicts"]]
    if policy not in ("union", "short_circuit") or any(child is None for child in children):
        return None
    if policy == "short_circuit":
        # Wherever such a key would match, the shorter key matches too, and the earlier dictionary answers.
        children = [
            {key: values for key, values in child.items() if not _cut_short(key, children[:index])}
            for index, child in enumerate(children)
        ]
    merged = {}
    for child in reversed(children):  # the first dictionary holding a key wins
        merged.update(child)
    return merged


def _first_values(entries):
    """{key: values} as {key: first value}: OpenCC converts to a key's first value and never reads the others."""
    return {key: values.split(" ")[0] for key, values in entries.items()}


def _cut_short(key, earlier):
    """Whether `key` begins with a shorter key of one of the `earlier` dictionaries."""
    return any(key[:length] in dictionary for dictionary in earlier for length in range(1, len(key)))


def _converted(text, entries, longest):
    """`text` converted as OpenCC converts one segment: the longest key from each position, its first value."""
    out, start = [], 0
    while start < len(text):
        for length in range(min(longest, len(text) - start), 0, -1):
            if text[start : start + length] in entries:
                out.append(entries[text[start : start + length]])
                start += length
                break
        else:
            out.append(text[start])
            start += 1
    return "".join(out)


def _without_redundant_phrases(entries, segment_keys):
    """The entries of a segmented text's first conversion ({key: values}), as {key: first value}, without the
    phrases that are segmentation keys and convert to the same text through shorter keys."""
    full = _first_values(entries)
    longest = max(map(len, full))
    kept = dict(full)
    for key in sorted((key for key in segment_keys if len(key) > 1 and key in full), key=lambda key: (len(key), key)):
        value = kept.pop(key)
        if _converted(key, kept, longest) != value:
            kept[key] = value
    changed = [key for key in segment_keys if _converted(key, kept, longest) != _converted(key, full, longest)]
    if changed:  # cannot happen: each phrase was dropped only after its shorter keys were settled
        raise ValueError(f"dropping phrases would change how these segments convert: {changed[:10]}")
    return kept


def _name(node):
    if node["type"] != "group":
        return Path(node["file"]).stem
    return "+".join(_name(child) for child in node["dicts"])


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
        if not (key and tab) or " " in key or "\t" in values:
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
