"""The synonym list (fixtures/search_synonyms.yaml): everyday words lead to content that exists, never to nothing."""

import re

import pytest

from careerguide.search import Query, find, topics

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

TOPICS = {topic.name: topic for topic in topics()}
LINKS = sorted({link for topic in topics() for link in topic.links}, key=lambda link: link.href())


@pytest.mark.parametrize("link", LINKS, ids=lambda link: link.href())
def test_every_link_of_the_synonym_list_leads_to_a_page_and_section_that_exist(client, link):
    path, _, fragment = link.href().partition("#")
    response = client.get(path)
    assert response.status_code == 200
    if fragment:
        assert re.search(rf'\bid="{re.escape(fragment)}"', response.content.decode()), (path, fragment)


@pytest.mark.parametrize(
    ("term", "topic"), [(term, topic.name) for topic in topics() for term in topic.terms], ids=lambda value: value
)
def test_every_term_a_synonym_searches_for_occurs_in_the_content(term, topic):
    assert find(Query(term)), f"{topic}: {term} finds nothing"


@pytest.mark.parametrize("topic", topics(), ids=lambda topic: topic.name)
def test_every_word_of_a_topic_leads_to_that_topic(topic):
    for word in topic.words:
        assert topic in Query(word).topics, word


@pytest.mark.parametrize(
    ("words", "link"),
    [
        (["工资", "薪资", "月薪", "收入", "待遇"], 'href="/salaries/"'),
        (["证书", "認證", "资格", "考证"], 'href="/#no-certification-required"'),
        (["主管", "经理", "晋升", "升职", "组长"], 'href="/progression/#tracks-title"'),
        (["AI", "ai", "人工智能", "机器人", "智能客服"], 'href="/#intelligent-and-personalised"'),
        (["培训", "学习", "课程", "书"], 'href="/learning/"'),
    ],
)
def test_the_words_job_seekers_type_lead_to_the_section_that_answers_them(client, words, link):
    for word in words:
        page = client.get("/search/", {"q": word}).content.decode()
        section = page[page.index('id="found-topics"') : page.index("</section>", page.index('id="found-topics"'))]
        assert link in section, word


def test_a_synonym_finds_the_content_in_the_sources_words(client):
    page = client.get("/search/", {"q": "工资"}).content.decode()
    assert 'href="/#income-level"' in page  # 收入水平: the content says 收入, the reader typed 工资
    assert "<mark>收入</mark>" in page


def test_ai_finds_the_trend_entries(client):
    page = client.get("/search/", {"q": "AI"}).content.decode()
    assert 'href="/#intelligent-and-personalised"' in page and "<mark>人工智能</mark>" in page


def test_a_word_inside_a_longer_one_names_no_topic():
    # 证书 names certification; the 书 inside it does not make it a search for books.
    assert [topic.name for topic in Query("证书").topics] == ["职业认证"]


def test_a_query_that_only_names_a_topic_still_leads_somewhere(client):
    page = client.get("/search/", {"q": "测评"}).content.decode()
    assert 'href="/assessment/"' in page
