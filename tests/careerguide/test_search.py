"""Search: Traditional input finds Simplified content; awkward queries get a friendly answer, never an error."""

import pytest

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def test_a_traditional_query_finds_the_simplified_skill(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": "溝通"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/skills/communication/">沟通能力</a>' in page
    assert 'value="溝通"' in page  # the reader's own words stay in the box
    assert page.index(">沟通能力</a>") < page.index(">销售能力</a>")  # named by the query, before mentioning it


def test_search_finds_a_skill_by_its_alias(client):
    page = client.get("/search/", {"q": "耐心和亲和力"}).content.decode()
    assert "/skills/" in page and "耐心和亲和力" in page


def test_search_finds_stages_resources_and_cities(client):
    assert "/progression/" in client.get("/search/", {"q": "入职期"}).content.decode()
    assert "#resource-" in client.get("/search/", {"q": "腾讯课堂"}).content.decode()
    assert 'href="/salaries/jinan/"' in client.get("/search/", {"q": "济南"}).content.decode()


def test_search_finds_a_city_by_the_traditional_name_as_published(client):
    page = client.get("/search/", {"q": "濟南"}).content.decode()
    assert 'href="/salaries/jinan/"' in page


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "请输入要搜索的内容"),
        ("   ", "请输入要搜索的内容"),
        ("沟", "请至少输入 2 个字"),
        ("客" * 51, "搜索内容太长了"),
    ],
)
def test_awkward_queries_get_a_friendly_message(client, q, message, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_query_with_no_match_says_so(client):
    page = client.get("/search/", {"q": "火箭发射"}).content.decode()
    assert "共找到 0 条结果" in page and "没有找到相关内容" in page


@pytest.mark.parametrize("q", ["%", "%%", "_ _", "<script>alert(1)</script>", "\\", "' OR 1=1 --"])
def test_special_characters_are_just_text(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
