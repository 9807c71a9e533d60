"""Every page answers with its key content, in a bounded number of queries, against the real seed data."""

import re

import pytest
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import escape

from core.chinese import fullwidth
from progression.models import OverviewEntry, Resource, Stage
from skills.models import Skill

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def text(response):
    return response.content.decode()


def test_home_shows_the_job_at_a_glance_and_leads_into_each_section(client, django_assert_max_num_queries):
    # Overview entries, stages, the salary dataset and 001's bands, each kind with its citations in one query.
    with django_assert_max_num_queries(11):
        response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    for heading in (
        "这份工作做什么",
        "客服的分类",
        "三大工作领域",
        "在哪里工作",
        "不同行业的要求",
        "职业现状",
        "发展前景",
    ):
        assert heading in page
    for work_area in ("客户服务", "客户管理", "电话营销"):
        assert work_area in page
    for link in ("/skills/", "/progression/", "/salaries/", "/learning/"):
        assert f'href="{link}"' in page
    assert "入职期 → 稳定期 → 晋升期 → 高级管理期" in page


def test_home_cites_every_entry_it_shows_like_every_other_page(client):
    page = text(client.get("/"))
    for entry in OverviewEntry.objects.prefetch_related("citations"):
        card = page[page.index(f'id="{entry.slug}"') :]
        card = card[: card.index('class="card"') if 'class="card"' in card else len(card)]
        for citation in entry.citations.all():
            assert linebreaksbr(escape(citation.quote)) in card, (entry.slug, citation.quote)


def test_skill_list_groups_every_skill_under_its_category(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # with the data version, read before the view
        response = client.get("/skills/")
    assert response.status_code == 200
    page = text(response)
    for skill in Skill.objects.all():
        assert skill.get_absolute_url() in page
    for category in ("专业技术技能", "通用能力(软技能)", "售前知识", "职业素养"):
        assert f">{fullwidth(category)} <" in page


def test_skill_list_filters_by_category(client):
    response = client.get("/skills/", {"category": "technical"})
    assert response.status_code == 200
    page = text(response)
    assert "产品知识" in page
    assert reverse("skills:detail", args=["communication"]) not in page


def test_skill_list_rejects_an_unknown_category_with_a_chinese_message(client):
    response = client.get("/skills/", {"category": "no-such-thing"})
    assert response.status_code == 400
    assert "没有这个技能类别" in text(response)


def test_skill_page_shows_definition_levels_stages_resources_and_sources(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/skills/product-knowledge/")
    assert response.status_code == 200
    page = text(response)
    skill = Skill.objects.get(slug="product-knowledge")
    assert fullwidth(skill.definition) in page
    for level in ("入门", "熟练", "精通"):
        assert f"<h3>{level}</h3>" in page
    for requirement in skill.requirements.select_related("stage"):
        assert requirement.stage.get_absolute_url() in page
    for resource in skill.resources.all():
        assert f"#resource-{resource.slug}" in page
    for citation in skill.citations.all():
        assert f"/sources/#source-{citation.source.slug}" in page
    assert "最后修改" not in page and "来源未注明日期" in page  # seeded: dated by its sources


def test_skill_page_query_count_does_not_grow_with_its_citations(client, django_assert_max_num_queries):
    # communication is named by all five documents; it needs no more queries than a skill with one source.
    with django_assert_max_num_queries(12):
        assert client.get("/skills/communication/").status_code == 200


def test_an_unknown_skill_gets_the_chinese_404_page(client):
    response = client.get("/skills/no-such-skill/")
    assert response.status_code == 404
    assert "找不到这个页面" in text(response)


def test_progression_draws_the_four_stages_with_linked_skill_needs(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = client.get("/progression/")
    assert response.status_code == 200
    page = text(response)
    names = re.findall(r'class="timeline-step" id="stage-[\w-]+">.*?<a href="[^"]+">(\w+)</a>', page, re.S)
    assert names == ["入职期", "稳定期", "晋升期", "高级管理期"]
    for stage in Stage.objects.prefetch_related("requirements__skill"):
        assert stage.strategy in page
        for requirement in stage.requirements.all():
            anchor = f"#level-{requirement.level}" if requirement.level else ""
            assert f'{requirement.skill.get_absolute_url()}{anchor}"' in page
    for part in ("管理线", "专业线", "技术更新迭代速度快", "技能提升瓶颈", "职业发展风险", "培训讲师"):
        assert part in page


def test_a_stage_page_shows_the_stage_within_the_path(client, django_assert_max_num_queries):
    stage = Stage.objects.get(order=2)
    with django_assert_max_num_queries(7):  # with the data version, read before the view
        response = client.get(stage.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert stage.name in page and stage.strategy in page
    assert 'aria-current="page">' + stage.name in page
    assert 'rel="prev"' in page and 'rel="next"' in page


def test_an_unknown_stage_is_a_404(client):
    assert client.get("/progression/no-such-stage/").status_code == 404


def test_learning_lists_every_resource_with_the_skills_it_builds(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/learning/")
    assert response.status_code == 200
    page = text(response)
    for resource in Resource.objects.prefetch_related("skills"):
        assert f'id="resource-{resource.slug}"' in page
        for skill in resource.skills.all():
            assert skill.get_absolute_url() in page
    for part in ("中国客服协会", "腾讯课堂", "网易云课堂", "客户服务管理", "沟通的艺术"):
        assert part in page


def test_sources_lists_the_five_documents_and_the_salary_caveats(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/sources/")
    assert response.status_code == 200
    page = text(response)
    for slug in ("000", "001", "002", "003", "004"):
        assert f'id="source-{slug}"' in page
    assert "该数据统计截止日期为2010年6月" in page
