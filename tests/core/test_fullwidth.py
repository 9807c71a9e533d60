"""Full-width punctuation in the Chinese text the site shows, produced by one display function."""

import re

import pytest
from django.test import Client

from core.chinese import display_data, fullwidth, fullwidth_html

COMMA, LEFT, RIGHT, COLON = "\uff0c", "\uff08", "\uff09", "\uff1a"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("36 个城市,平均 5649 元/月(2010年6月)", f"36 个城市{COMMA}平均 5649 元/月{LEFT}2010年6月{RIGHT}"),
        ("作者:张三", f"作者{COLON}张三"),
        ("注意;再试!真的?", "注意\uff1b再试\uff01真的\uff1f"),
        ("沟通, 倾听", f"沟通{COMMA}倾听"),  # the space typed after the comma goes with it
        ("客服(SLA)", f"客服{LEFT}SLA{RIGHT}"),  # a pair turns together
        ("(2010)年", f"{LEFT}2010{RIGHT}年"),
        ("客户服务(Customer Service),是指", f"客户服务{LEFT}Customer Service{RIGHT}{COMMA}是指"),
    ],
)
def test_ascii_punctuation_beside_chinese_turns_full_width(typed, shown):
    assert fullwidth(typed) == shown


@pytest.mark.parametrize(
    "kept",
    [
        "3,000 元",
        "约 2.5 倍",
        "1:2",
        "Hello, world (again)!",
        "见 https://example.com/a,b(c):d?e=沟通,好",
        "page_size=20, lang=zh-hant",
    ],
)
def test_numbers_urls_and_latin_text_keep_their_punctuation(kept):
    assert fullwidth(kept) == kept


def test_full_width_marks_are_produced_by_code_point():
    assert [ord(c) for c in fullwidth("甲,乙(丙)丁:戊;己!庚?")[1::2]] == [
        0xFF0C,
        0xFF08,
        0xFF09,
        0xFF1A,
        0xFF1B,
        0xFF01,
        0xFF1F,
    ]


def test_html_keeps_tags_attributes_code_scripts_and_entities():
    html = (
        '<a href="/search/?q=沟通,倾听" title="甲,乙">作者</a>:张三'
        "<code>中,文</code><script>var a = '中,文';</script>说&quot;你好&quot;,再见"
    )
    assert fullwidth_html(html) == (
        f'<a href="/search/?q=沟通,倾听" title="甲,乙">作者</a>{COLON}张三'
        f"<code>中,文</code><script>var a = '中,文';</script>说&quot;你好&quot;{COMMA}再见"
    )


def test_api_data_gets_full_width_text_but_quotes_and_urls_stay():
    data = {"quote": "原文,照录", "name": "甲,乙", "url": "http://testserver/api/v1/skills/?q=沟通,x", "n": 3}
    assert display_data(data) == {
        "quote": "原文,照录",
        "name": f"甲{COMMA}乙",
        "url": "http://testserver/api/v1/skills/?q=沟通,x",
        "n": 3,
    }


HAN = "[\u4e00-\u9fff]"
HALF_WIDTH_BETWEEN_CHINESE = re.compile(f"{HAN}[,()]|[,()]{HAN}")


def visible_text(page):
    """What a reader reads, outside quotes: verbatim blockquotes, scripts, styles and tags removed."""
    page = re.sub(r"<blockquote[^>]*data-verbatim.*?</blockquote>", "", page, flags=re.S)
    page = re.sub(r"<(script|style|code)\b.*?</\1>", "", page, flags=re.S)
    return re.sub(r"<[^>]*>", "\n", page)


EXTRA_PAGES = ["/search/?q=沟通", "/salaries/compare/?cities=beijing,shanghai"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_no_half_width_comma_or_parenthesis_between_chinese_on_any_page(site_urls, language, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [url for _template, url in site_urls if not url.startswith("/api/")] + EXTRA_PAGES
    checked = 0
    for url in pages:
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        text = visible_text(response.content.decode())
        found = sorted({text[max(m.start() - 8, 0) : m.end() + 8] for m in HALF_WIDTH_BETWEEN_CHINESE.finditer(text)})
        assert not found, (url, found)
    assert checked > 10


def test_the_templates_themselves_write_full_width_punctuation_in_chinese():
    """Attributes (placeholder, aria-label, the meta description) are out of the display function's reach."""
    import importlib.util
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.BASE_DIR) / "locale" / "fullwidth_templates.py"
    spec = importlib.util.spec_from_file_location("fullwidth_templates", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    templates = sorted(Path(settings.BASE_DIR).glob("templates/**/*.html"))
    templates += sorted(Path(settings.BASE_DIR).glob("*/templates/**/*.html"))
    unfixed = [
        str(t) for t in templates if module.fixed(t.read_text(encoding="utf-8")) != t.read_text(encoding="utf-8")
    ]
    assert not unfixed, f"run python locale/fullwidth_templates.py, then ./locale/refresh.sh: {unfixed}"


def test_data_already_shown_is_left_as_it_is():
    from core.chinese import Shown

    shown = Shown({"name": "沟通(技巧)"})
    converted = display_data({"results": [shown], "title": "沟通(技巧)"}, traditional=True)
    assert converted["results"][0] is shown
    assert converted["title"] == "溝通（技巧）"
