"""Simplified ⇄ Traditional Chinese, the one place that builds OpenCC converters.

Content is stored in Simplified script. A reader who chose 繁體 sees pages and API answers converted; what a
reader types in Traditional script is converted to Simplified before it is matched against the content. Source
quotes are provenance and are never converted: they stay exactly as the source printed them.
"""

import re
from functools import cache

import opencc

SIMPLIFIED, TRADITIONAL = "zh-hans", "zh-hant"
# A quote is shown exactly as its source published it, in whichever script the reader chose.
VERBATIM_HTML = re.compile(r"(<blockquote[^>]*\bdata-verbatim\b[^>]*>.*?</blockquote>)", re.DOTALL)
VERBATIM_KEYS = {"quote", "rights_notice"}


@cache
def converter(config):
    # Building a converter loads its dictionaries (tens of milliseconds); converting is cheap. One per process.
    return opencc.OpenCC(config)


def to_simplified(text):
    """What a reader typed, in the script the content is stored in (溝通 → 沟通)."""
    return converter("t2s").convert(text)


def to_traditional(text):
    return converter("s2tw").convert(text)


def traditional_html(html):
    """A rendered page in Traditional script; markup survives because only CJK characters change."""
    parts = VERBATIM_HTML.split(html)
    return "".join(part if index % 2 else to_traditional(part) for index, part in enumerate(parts))


def traditional_data(data):
    """The same JSON-like data with every Chinese string in Traditional script (quotes left as published)."""
    if isinstance(data, str):
        return to_traditional(data)
    if isinstance(data, list):
        return [traditional_data(item) for item in data]
    if isinstance(data, dict):
        return {key: value if key in VERBATIM_KEYS else traditional_data(value) for key, value in data.items()}
    return data
