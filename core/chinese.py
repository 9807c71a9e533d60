"""Simplified ⇄ Traditional Chinese and full-width punctuation: how Chinese text is shown, in one place.

Content is stored in Simplified script. A reader who chose 繁體 sees pages and API answers converted with Taiwan
phrasing (OpenCC s2twp: 搜尋, 資訊, 影片, 線上), corrected by TAIWAN_EXCEPTIONS; what a reader types in
Traditional script is converted back before it is matched against the content. In both scripts ASCII punctuation
written between Chinese characters is shown full-width (`fullwidth`). Source quotes are provenance and are never
touched: they stay exactly as the source printed them.
"""

import re
from functools import cache, lru_cache

import opencc
from django.utils import translation

from core import compact_opencc

SIMPLIFIED, TRADITIONAL = "zh-hans", "zh-hant"
# A quote is shown exactly as its source published it, in whichever script the reader chose.
VERBATIM_HTML = re.compile(r"(<blockquote[^>]*\bdata-verbatim\b[^>]*>.*?</blockquote>)", re.DOTALL)
VERBATIM_KEYS = {"quote", "rights_notice"}

# Where s2twp's Taiwan phrasing is wrong for this text, or misses a word a Taiwan reader expects: the Simplified
# phrase and how it is shown in Traditional script. Reviewed by converting every record and interface string;
# tests/core/test_taiwan_phrasing.py checks each entry in a sentence where it occurs.
TAIWAN_EXCEPTIONS = {
    # s2twp changes the meaning
    "面对面": "面對面",  # 003 "在线聊天和面对面": 和面 → 和麵 (kneading dough)
    "类型": "類型",  # 型別 is a programming "type"
    "调试": "調試",  # 除錯 is debugging; 000's 压力调试 is coping with stress
    "循环": "循環",  # 迴圈 is a program loop; 000 means a vicious circle
    "发布": "發布",  # 釋出 is a software release
    "连接": "連接",  # 連線 is a network connection; 003 "连接企业与客户"
    "优化": "優化",  # 最佳化者 is not a word for a person
    "屏蔽": "屏蔽",  # 遮蔽 is covering something up
    "高级": "高級",  # 高階 would rename the stage 高级管理期 and 001's 高级 band that its quote names
    "参数": "參數",  # 引數 is a function argument; the error page means a URL's parameters
    "字体": "字體",  # 字型 is a font; the language switch chooses a script
    "认可与支持": "認可與支持",  # 支援 is assistance, not a team's backing
    # s2twp changes its own output when it runs again (a catalogue string inside a converted page)
    "文件": "文件",  # 文档 → 文件 (a document), which a second pass would make 檔案 (a computer file)
    "组合": "組合",  # a second pass makes 組閤
    "了解": "了解",  # a second pass makes 瞭解 in some sentences and not others; 了解 is the usual form in Taiwan
    # Taiwan vocabulary s2twp does not know
    "质量": "品質",
    "渠道": "管道",
    "反馈": "回饋",
    "数字化": "數位化",
    "运营": "營運",
    "账号": "帳號",
    "移动办公": "行動辦公",
    "水平": "水準",
}
# Text already in Traditional script is converted again (a catalogue string inside a converted page), so each
# corrected form is protected too: s2twp would otherwise turn 和面對面 into 和麵對面 on the second pass.
_TO_TRADITIONAL = TAIWAN_EXCEPTIONS | {traditional: traditional for traditional in TAIWAN_EXCEPTIONS.values()}
_TO_SIMPLIFIED = {traditional: simplified for simplified, traditional in TAIWAN_EXCEPTIONS.items()}


def _phrases(table):
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))


_PHRASES = {id(table): _phrases(table) for table in (_TO_TRADITIONAL, _TO_SIMPLIFIED)}


@cache
def converter(config):
    # Building a converter loads its dictionaries (tens of milliseconds); converting is cheap. One per process.
    return opencc.OpenCC(compact_opencc.config_file(config))


CONFIGS = ("s2twp", "t2s", "tw2sp")


def load_converters():
    """Build every converter now. Called by the WSGI module, which gunicorn loads once before it forks
    (preload_app): the dictionaries (~6 MB for the three, core.compact_opencc) are then shared by all workers instead
    of copied into each."""
    for config in CONFIGS:
        converter(config)


def _convert(text, config, table):
    """OpenCC with `table`'s phrases kept out of its hands: each is swapped for a private-use character first,
    which OpenCC leaves alone, and put back in its target form afterwards."""
    targets = []

    def hold(match):
        targets.append(table[match.group()])
        return chr(0xE000 + len(targets) - 1)

    held = _PHRASES[id(table)].sub(hold, text)
    converted = converter(config).convert(held)
    return re.sub("[\ue000-\uf8ff]", lambda m: targets[ord(m.group()) - 0xE000], converted) if targets else converted


def to_simplified(text):
    """Traditional characters as Simplified ones (溝通 → 沟通), the wording left as it is: for text published in
    Traditional script, and the first reading of what a reader typed."""
    return converter("t2s").convert(text)


def search_forms(typed):
    """What a reader typed, as the content may word it: in Simplified characters (溝通 → 沟通) and with Taiwan
    wording read as mainland wording (影片 → 视频, 品質 → 质量). Both, never the second alone: mainland text read
    as Taiwan wording can change its meaning (呼叫中心 would become 调用中心)."""
    return list(dict.fromkeys([to_simplified(typed), _convert(typed, "tw2sp", _TO_SIMPLIFIED)]))


def to_traditional(text):
    return _convert(text, "s2twp", _TO_TRADITIONAL)


def wants_traditional():
    return (translation.get_language() or "").lower() == TRADITIONAL


def as_shown(text):
    """The text as the current reader sees it, in their script."""
    return to_traditional(text) if wants_traditional() else text


# Full-width punctuation. The sources and typed text carry ASCII forms; the display turns them into these.
FULLWIDTH = {
    ",": "\uff0c",
    "(": "\uff08",
    ")": "\uff09",
    ":": "\uff1a",
    ";": "\uff1b",
    "!": "\uff01",
    "?": "\uff1f",
}
# Chinese characters and the CJK punctuation, quotation marks and full-width forms that sit among them.
HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_HAN = re.compile(f"[{HAN}]")
# A URL keeps its punctuation; a number such as 3,000 never has a Chinese neighbour and is left alone anyway.
_URL = re.compile(r"(https?://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+)")
# A bracketed aside whose inside or outside is Chinese: both brackets turn, so a pair never ends up mixed.
_PAIR = re.compile(rf"(?<=[{HAN}])\(([^()\n]*)\)|\(([^()\n]*)\)(?=[{HAN}])|\(([^()\n]*[{HAN}][^()\n]*)\)")
# A mark with a Chinese neighbour; a comma, colon or semicolon also takes the space typed after it.
_BESIDE = re.compile(rf"(?<=[{HAN}])([,:;!?])[ ]?|(?<=[{HAN}])([()])|([,:;!?()])(?=[{HAN}])")


def _fullwidth_plain(text):
    text = _PAIR.sub(lambda m: "\uff08" + next(g for g in m.groups() if g is not None) + "\uff09", text)
    return _BESIDE.sub(lambda m: FULLWIDTH[next(g for g in m.groups() if g is not None)], text)


def fullwidth(text):
    """ASCII , ( ) : ; ! ? between or beside Chinese characters → their full-width forms; URLs untouched.

    For plain text (an API value, a message). Pages go through `fullwidth_html`, which also spares markup.
    """
    if not _HAN.search(text):
        return text
    parts = _URL.split(text)
    return "".join(part if index % 2 else _fullwidth_plain(part) for index, part in enumerate(parts))


# Markup, character references (the ; of &quot;), and the elements whose text is not prose: code, scripts,
# styles, what a reader is typing.
_MARKUP = re.compile(
    r"(<(script|style|code|pre|kbd|samp|textarea)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>|&#?\w+;)", re.DOTALL | re.IGNORECASE
)


def _pieces(html):
    """[(is_text, piece)] of an HTML fragment, split where markup begins and ends."""
    parts = _MARKUP.split(html)
    # split() yields text, the markup match, the element name group, text, …: the name group is dropped.
    return [(index % 3 == 0, part) for index, part in enumerate(parts) if index % 3 != 2 and part]


def _neighbours(pieces):
    """For each text piece, the last visible character of the text before it and the first of the text after
    it, across any markup, when that character is Chinese: "<b>作者</b>:张三" has its colon between Chinese."""
    texts = [piece for is_text, piece in pieces if is_text]
    before = ["", *(text[-1:] for text in texts[:-1])]
    after = [*(text[:1] for text in texts[1:]), ""]
    chinese = _HAN.match
    return iter(((b if chinese(b) else ""), (a if chinese(a) else "")) for b, a in zip(before, after, strict=True))


@lru_cache(maxsize=4096)
def _in_traditional(text):
    """Pages repeat the same text (labels, names, the navigation, their tags' labels) request after request: each
    distinct one is converted once per process."""
    return to_traditional(text)


@lru_cache(maxsize=1024)
def _with_fullwidth(before, text, after):
    converted = fullwidth(before + text + after)
    return converted[len(before) : len(converted) - len(after)]


def _shown_text(before, text, after, traditional):
    """A text node as shown: full-width punctuation (given its Chinese neighbours) and the reader's script. Only
    what changes is kept: most nodes of a 简体 page, and the space between tags, are shown as they are."""
    if any(mark in text for mark in FULLWIDTH):
        text = _with_fullwidth(before, text, after)
    return _in_traditional(text) if traditional and _HAN.search(text) else text


def _shown_markup(markup):
    # A tag's Chinese (an aria-label, a title, a placeholder) is shown in the reader's script too; ASCII stays.
    return _in_traditional(markup) if _HAN.search(markup) else markup


def fullwidth_html(html):
    """`fullwidth` on the text of an HTML fragment, never inside tags, attributes, code or scripts.

    A mark right after or before a tag still sees its Chinese neighbour on the far side of the tag
    ("<b>作者</b>:张三"): each text node is converted with the last and first visible characters around it.
    """
    return _display_fragment(html, False)


def display_html(html, traditional=False):
    """A rendered page as the reader sees it: full-width punctuation and, for 繁體, Taiwan Traditional script.
    Markup survives (only CJK characters and punctuation beside them change); source quotes stay as published."""
    parts = VERBATIM_HTML.split(html)
    return "".join(part if index % 2 else _display_fragment(part, traditional) for index, part in enumerate(parts))


# Whole stretches between two quotes come back unchanged after most edits (an edit changes one record of a page),
# and the first reader after it would otherwise split and look up each of their pieces again. A stretch is shown
# the same wherever it occurs (its neighbours are its own), so the text itself is the key. Only short ones are kept
# whole (the guide's pages have about 300 distinct stretches, nine in ten under 1,400 characters): a long one, such
# as a page without quotes, is rarely met twice, and a thousand of them would hold tens of MB in every worker.
STRETCH_KEPT = 2000


def _display_fragment(html, traditional):
    if len(html) <= STRETCH_KEPT:
        return _kept_stretch(html, traditional)
    return _display_pieces(html, traditional)


def _display_pieces(html, traditional):
    """Piece by piece, each distinct piece converted once per process (`_shown_text`). OpenCC never matches a
    phrase across "<", ">", "&" or ";", so converting the pieces apart gives what converting the whole did."""
    pieces = _pieces(html)
    neighbours = _neighbours(pieces)
    out = []
    for is_text, piece in pieces:
        if is_text:
            before, after = next(neighbours)
            out.append(_shown_text(before, piece, after, traditional))
        else:
            out.append(_shown_markup(piece) if traditional else piece)
    return "".join(out)


_kept_stretch = lru_cache(maxsize=1024)(_display_pieces)


@lru_cache(maxsize=4096)
def _shown_value(text, traditional):
    """One API string as shown. Answers repeat the same values (names, labels, whole records) request after
    request, and the whole data set holds about a thousand distinct ones: each is converted once per process."""
    text = fullwidth(text)
    return to_traditional(text) if traditional else text


class Shown(dict):
    """A JSON object already as the reader sees it (what display_data gave): display_data leaves it as it is, so a
    record converted once can be sent again without being walked again."""


def display_data(data, traditional=False):
    """JSON-like data as the API shows it: every string with full-width punctuation and, for 繁體, in Taiwan
    Traditional script; quotes left exactly as published, URLs untouched."""

    # A whole answer passes through here: plain types are told apart by identity first, which costs less than
    # isinstance() on every value of every record.
    def shown(value):
        kind = type(value)
        if kind is str:
            return _shown_value(value, traditional)
        if kind is dict:
            return {key: item if key in VERBATIM_KEYS else shown(item) for key, item in value.items()}
        if kind is list:
            return [shown(item) for item in value]
        if kind in _UNCHANGED or kind is Shown:
            return value
        if isinstance(value, str):
            return _shown_value(value, traditional)
        if isinstance(value, list):
            return [shown(item) for item in value]
        if isinstance(value, dict):
            return {key: item if key in VERBATIM_KEYS else shown(item) for key, item in value.items()}
        return value

    return shown(data)


_UNCHANGED = {int, float, bool, type(None)}
