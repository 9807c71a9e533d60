"""繁體 reads naturally in Taiwan: s2twp phrasing, a checked list of exceptions, quotes exactly as published."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils import translation

from core.chinese import TAIWAN_EXCEPTIONS, fullwidth, search_forms, to_traditional
from skills.models import Citation, Skill

pytestmark = pytest.mark.django_db

# One sentence per exception, taken from the content or the interface where the phrase occurs.
SENTENCES = {
    "面对面": "通过电话、电子邮件、在线聊天和面对面的方式与客户沟通",
    "类型": "学会如何与不同类型的客户沟通",
    "调试": "学习情绪管理、压力调试",
    "循环": "形成恶性循环,对工作极为不利",
    "发布": "发布日期",
    "连接": "作为连接企业与客户的桥梁",
    "优化": "收集和分析客户反馈,以优化产品和服务",
    "屏蔽": "尽可能屏蔽其带来的负面影响",
    "高级": "高级管理期",
    "参数": "这个网址里的参数无法识别",
    "字体": "字体",
    "认可与支持": "更容易获得团队的认可与支持",
    "文件": "本站的全部内容都来自下面五份文档",
    "组合": "最优成本——服务组合中的客户界面",
    "了解": "主动了解客户的需求",
    "质量": "提升服务质量",
    "渠道": "多渠道与客户互动",
    "反馈": "客户的咨询和反馈",
    "数字化": "随着数字化转型",
    "运营": "市场拓展和运营管理方面",
    "账号": "为保护账号安全",
    "移动办公": "远程工作、移动办公等",
    "水平": "收入水平较为稳定",
}
# What s2twp alone would have shown, and what the exception list must keep out of every page.
MISCONVERSIONS = [
    "和麵",
    "型別",
    "除錯",
    "迴圈",
    "釋出",
    "連線企業",
    "最佳化",
    "遮蔽",
    "高階",
    "引數",
    "字型",
    "組閤",
    "瞭解",
    "檔案",
]


def test_every_exception_has_a_sentence_here():
    assert set(SENTENCES) == set(TAIWAN_EXCEPTIONS)


@pytest.mark.parametrize("simplified", list(TAIWAN_EXCEPTIONS))
def test_each_exception_holds_in_a_sentence_and_survives_a_second_pass(simplified):
    sentence = SENTENCES[simplified]
    shown = to_traditional(sentence)
    assert TAIWAN_EXCEPTIONS[simplified] in shown
    assert to_traditional(shown) == shown  # a catalogue string inside a converted page is converted again
    assert not any(wrong in shown for wrong in MISCONVERSIONS)


@pytest.mark.parametrize("simplified", ["质量", "渠道", "反馈", "数字化", "账号", "面对面", "高级"])
def test_what_a_taiwan_reader_types_finds_the_stored_word(simplified):
    assert any(simplified in form for form in search_forms(to_traditional(SENTENCES[simplified])))


def test_taiwan_vocabulary_for_mainland_words():
    assert (
        to_traditional("搜索信息、视频客服、在线支持、服务质量、软件") == "搜尋資訊、影片客服、線上支援、服務品質、軟體"
    )
    assert "搜索信息、视频客服、在线聊天" in search_forms("搜尋資訊、影片客服、線上聊天")


def every_record_text():
    """Every Chinese text value of every record the seed data loads (quotes apart: they are never converted)."""
    for model in apps.get_models():
        if model._meta.app_label not in {"skills", "progression", "salaries"} or model.__name__.startswith(
            "Historical"
        ):
            continue
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and f.name not in {"quote", "slug", "filename"}
        ]
        for row in model.objects.values_list(*fields):
            yield from (value for value in row if isinstance(value, str) and re.search("[\u4e00-\u9fff]", value))


def test_the_converted_text_of_every_record_is_free_of_the_known_misconversions():
    texts = set(every_record_text())
    assert len(texts) > 300
    for text in texts:
        shown = to_traditional(text)
        wrong = [w for w in MISCONVERSIONS if w in shown]
        assert not wrong, (text, wrong)
        assert to_traditional(shown) == shown, text
        for simplified, traditional in TAIWAN_EXCEPTIONS.items():
            assert simplified not in text or traditional in shown, (text, simplified)


def catalogue_msgids():
    po = (Path(settings.BASE_DIR) / "locale/zh_Hant/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = re.findall(r'^msgid((?: ".*"\n)+)', po, re.M)
    return {"".join(re.findall(r'"(.*)"', entry)) for entry in entries} - {""}


def test_every_interface_string_is_converted_once_and_for_all():
    """Pages convert catalogue strings a second time, so each must already be what a second pass gives."""
    msgids = catalogue_msgids()
    assert len(msgids) > 100
    with translation.override("zh-hant"):
        for msgid in msgids:
            shown = translation.gettext(msgid)
            assert shown == to_traditional(msgid), f"run ./locale/refresh.sh: {msgid}"
            assert to_traditional(shown) == shown, msgid
            assert not any(wrong in shown for wrong in MISCONVERSIONS), shown


@pytest.mark.parametrize(
    ("simplified", "taiwan"),
    [("搜索", "搜尋"), ("资料来源与版权", "資料來源與版權"), ("数据说明", "資料說明"), ("发布日期", "發布日期")],
)
def test_the_interface_uses_taiwan_vocabulary(simplified, taiwan):
    with translation.override("zh-hant"):
        assert translation.gettext(simplified) == taiwan


def test_interface_pages_read_in_taiwan_vocabulary(traditional, plain_pages):
    page = traditional.get("/").content.decode()
    # Quotes are the sources' own words (004 writes 信息): only the site's text must read as Taiwan Chinese.
    page = re.sub(r"<blockquote[^>]*data-verbatim.*?</blockquote>", "", page, flags=re.S)
    assert "搜尋" in page and "搜索" not in page and "搜尋" in to_traditional("搜索")
    assert "資訊" in page and "信息" not in page


def test_quotes_are_shown_exactly_as_published_in_both_scripts(client, traditional, plain_pages):
    """A quote keeps its script and its ASCII punctuation: it is the source's text, not the site's."""
    quotes = list(
        Citation.objects.filter(object_id=Skill.objects.get(slug="communication").pk, content_type__model="skill")
    )
    assert any(re.search("[\u4e00-\u9fff],[\u4e00-\u9fff]", c.quote) for c in quotes)
    for reader in (client, traditional):
        page = reader.get("/skills/communication/").content.decode()
        for citation in quotes:
            assert linebreaksbr(citation.quote, autoescape=True) in page, citation.quote


def test_api_quotes_stay_as_published_while_text_is_converted(api):
    skill = Skill.objects.get(slug="communication")
    data = api.get(f"/api/v1/skills/{skill.slug}/?lang=zh-hant").json()
    assert data["citations"] == [{"source": c.source.slug, "quote": c.quote} for c in skill.citations.all()]
    assert data["definition"] == to_traditional(fullwidth(skill.definition))


def test_mainland_words_typed_by_a_reader_keep_their_meaning():
    """Taiwan wording is read as mainland wording only as a second form: 呼叫中心 must still find call centres."""
    assert search_forms("呼叫中心")[0] == "呼叫中心"
    assert search_forms("影片") == ["影片", "视频"]
    assert search_forms("溝通") == ["沟通"]
