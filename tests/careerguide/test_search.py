"""Search: every kind of content, in the reader's script, highlighted, with somewhere to go when nothing matches."""

import pytest

from careerguide.templatetags.search_marks import highlight
from progression.models import Resource

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

QUERY_BUDGET = 10  # one query per kind of content (skills with their aliases: two), whatever the data holds


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_a_traditional_query_finds_the_simplified_skill(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get("/search/", {"q": "溝通"})
    page = response.content.decode()
    assert 'href="/skills/communication/"><mark>沟通</mark>能力</a>' in page
    assert 'value="溝通"' in page  # the reader's own words stay in the box
    # Named by the query, before the skills that only mention it.
    assert page.index("<mark>沟通</mark>能力</a>") < page.index(">销售能力</a>")


def test_search_finds_a_skill_by_its_alias(client):
    page = search(client, "耐心和亲和力")
    assert "/skills/" in page and "<mark>耐心和亲和力</mark>" in page


def test_search_finds_stages_resources_and_cities(client):
    assert 'href="/progression/entry/"' in search(client, "入职期")
    assert "#resource-" in search(client, "腾讯课堂")
    assert 'href="/salaries/jinan/"' in search(client, "济南")


@pytest.mark.parametrize(
    ("q", "link"),
    [
        ("管理线", "/progression/#track-management"),  # a track
        ("技术更新", "/progression/#challenge-fast-technology-change"),  # a challenge
        ("内生涯", "/progression/#advice-inner-career"),  # career advice
        ("培训讲师", "/progression/#story-title"),  # the story's last step
        ("呼叫中心", "/#call-centre"),  # an overview entry (环境)
        ("心理学", "/#psychology"),  # a related major
        ("餐饮", "/#catering"),  # an industry
    ],
)
def test_search_finds_every_kind_of_content(client, q, link):
    assert f'href="{link}"' in search(client, q)


def test_a_section_name_finds_the_whole_section(client):
    page = search(client, "分类")  # 客服分类: the three ways of classifying the work
    for slug in ("by-working-method", "by-sales-process", "by-nature-of-work"):
        assert f'href="/#{slug}"' in page


def test_a_region_finds_its_cities(client):
    page = search(client, "华东")
    assert 'href="/salaries/shanghai/"' in page and 'href="/salaries/beijing/"' not in page


def test_search_finds_a_city_by_the_traditional_name_as_published(client):
    assert 'href="/salaries/jinan/"' in search(client, "濟南")


def test_a_single_character_finds_the_books(client):
    page = search(client, "书")
    books = Resource.objects.filter(kind=Resource.Kind.BOOK)
    assert books
    for book in books:
        assert f'href="/learning/#resource-{book.slug}"' in page


def test_a_single_character_that_matches_nothing_says_so_and_offers_a_way_on(client):
    page = search(client, "龘")
    assert "共找到 0 条结果" in page and "没有找到包含“龘”的内容" in page
    assert 'href="/search/?q=%E5%B7%A5%E8%B5%84"' in page  # 工资: a word to try
    assert 'href="/salaries/"' in page and 'href="/learning/"' in page and 'href="/assessment/"' in page


def test_a_query_with_no_match_offers_suggestions_instead_of_a_dead_end(client):
    page = search(client, "火箭发射")
    assert "没有找到包含“火箭发射”的内容" in page and "试试这些常用词" in page


def test_a_one_character_query_shows_a_bounded_page_in_constant_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        page = search(client, "的")  # occurs nearly everywhere
    assert "没有全部列出" in page
    assert page.count("<li><a href=") < 100


@pytest.mark.parametrize(
    ("q", "message"),
    [("", "请输入要搜索的内容"), ("   ", "请输入要搜索的内容"), ("客" * 51, "搜索内容太长了")],
)
def test_awkward_queries_get_a_friendly_message(client, q, message, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        page = search(client, q)
    assert message in page


def test_the_longest_allowed_query_is_searched(client):
    assert "共找到" in search(client, "客" * 50)


def test_matches_are_highlighted_in_titles_and_passages(client):
    page = search(client, "倾听")
    assert page.count("<mark>倾听</mark>") >= 2


def test_highlights_survive_the_traditional_script(traditional):
    page = search(traditional, "沟通")
    assert "<mark>溝通</mark>" in page


@pytest.mark.parametrize("q", ["%", "%%", "_ _", "<script>alert(1)</script>", "\\", "' OR 1=1 --", "<mark>", "amp"])
def test_special_characters_are_just_text(client, q):
    page = search(client, q)
    assert "<script>alert(1)</script>" not in page
    assert "<mark><mark>" not in page and "&<mark>" not in page


def test_highlight_escapes_the_text_before_marking_it():
    marked = highlight('<img src=x onerror="alert(1)"> & 沟通', ["沟通", "img", "amp", "&"])
    assert marked == "&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt; <mark>&amp;</mark> <mark>沟通</mark>"


def test_highlight_prefers_the_longest_term_and_ignores_case():
    assert (
        highlight("沟通能力 AI ai", ["沟通", "沟通能力", "ai"])
        == "<mark>沟通能力</mark> <mark>AI</mark> <mark>ai</mark>"
    )
