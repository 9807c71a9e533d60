"""简体 / 繁體: a visible switch on every page; the choice persists; content and interface both convert."""

import re

import pytest
from django.conf import settings
from django.template.defaultfilters import linebreaksbr

from core import chinese
from core.chinese import display_html
from skills.models import Citation, Skill

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

PAGES = [
    "/",
    "/skills/",
    "/skills/communication/",
    "/progression/",
    "/learning/",
    "/salaries/",
    "/salaries/beijing/",
    "/salaries/compare/?cities=beijing,shanghai",
    "/search/?q=沟通",
    "/sources/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_language_switch(client, url):
    page = client.get(url).content.decode()
    assert 'name="language" value="zh-hans"' in page and ">简体</button>" in page
    assert 'name="language" value="zh-hant"' in page and ">繁體</button>" in page


def test_switching_sets_a_cookie_that_later_pages_follow(client):
    response = client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/skills/"})
    assert response.status_code == 302 and response["Location"] == "/skills/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"
    page = client.get("/progression/").content.decode()
    assert '<html lang="zh-Hant">' in page
    assert "發展路徑" in page

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get("/progression/").content.decode()
    assert '<html lang="zh-Hans">' in page and "发展路径" in page


def test_traditional_converts_content_and_interface_but_not_the_switch(traditional, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = traditional.get("/skills/communication/").content.decode()
    assert "<h1>溝通能力</h1>" in page  # content, converted by OpenCC
    assert "掌握程度" in page and "應用場景" in page  # interface, from the zh_Hant catalogue
    assert ">简体</button>" in page  # each label stays in its own script
    outside_quotes = re.sub(r"<blockquote[^>]*data-verbatim.*?</blockquote>", "", page.split("<main", 1)[1], flags=re.S)
    assert "沟通能力" not in outside_quotes


def test_traditional_readers_see_every_quote_exactly_as_its_source_published_it(traditional):
    skill = Skill.objects.get(slug="communication")
    quotes = [c.quote for c in Citation.objects.filter(object_id=skill.pk, content_type__model="skill")]
    page = traditional.get("/skills/communication/").content.decode()

    assert {"000", "004"} <= {c.source.slug for c in skill.citations.all()}
    for quote in quotes:
        assert linebreaksbr(quote, autoescape=True) in page, quote


def test_traditional_salary_page_keeps_numbers(traditional):
    page = traditional.get("/salaries/").content.decode()
    assert "城市薪資" in page and "該資料統計截止日期為2010年6月" in page
    assert 'data-salary="7285"' in page


def test_the_traditional_catalogue_covers_every_interface_string_in_the_templates():
    """A string added to a template without running locale/refresh.sh would stay Simplified for 繁體 readers."""
    import re
    from pathlib import Path

    from django.utils import translation

    from core.chinese import to_traditional

    templates = Path(settings.BASE_DIR) / "templates"
    msgids = set()
    for path in templates.rglob("*.html"):
        msgids |= set(re.findall(r"""{% translate ["']([^"']+)["'] %}""", path.read_text(encoding="utf-8")))
    assert len(msgids) > 50
    with translation.override("zh-hant"):
        missing = sorted(m for m in msgids if translation.gettext(m) != to_traditional(m))
    assert not missing, f"run ./locale/refresh.sh: {missing}"


def test_a_page_converted_twice_is_the_same_as_converted_once_piece_by_piece():
    """Each distinct text node and tag is remembered (an LRU): a repeat must give exactly the first answer, and
    Chinese inside a tag's attributes is converted like the text."""
    from core.chinese import display_html

    html = '<nav aria-label="主导航"><b>作者</b>:张三(客服)<code>a,b</code> 质量</nav>'
    first = display_html(html, traditional=True)
    assert first == display_html(html, traditional=True)
    assert first == '<nav aria-label="主導航"><b>作者</b>：張三（客服）<code>a,b</code> 品質</nav>'
    assert display_html(html) == '<nav aria-label="主导航"><b>作者</b>：张三（客服）<code>a,b</code> 质量</nav>'


def test_an_edited_text_is_shown_converted_on_the_next_read(traditional):
    """Stretches of a page are remembered as shown (an LRU keyed by their text): an edit must still come through."""
    traditional.get("/skills/communication/")
    skill = Skill.objects.get(slug="communication")
    skill.definition = "新写的定义:质量"
    skill.save()
    page = traditional.get("/skills/communication/").content.decode()
    assert "新寫的定義：品質" in page and "新写的定义" not in page


def test_a_long_stretch_is_shown_piece_by_piece_without_being_kept_whole():
    html = "<p>质量:好</p>" * (chinese.STRETCH_KEPT // 10 + 1)
    kept = chinese._kept_stretch.cache_info().currsize
    assert display_html(html, traditional=True) == "<p>品質：好</p>" * (chinese.STRETCH_KEPT // 10 + 1)
    assert chinese._kept_stretch.cache_info().currsize == kept
