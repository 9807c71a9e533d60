"""The catalog an assessment reads is kept per data version: reused until an edit, never stale after one."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.report import Catalog
from core.models import DataVersion
from progression.models import Resource, StageRequirement
from salaries.models import CitySalary
from skills.models import Skill, SkillLevel

pytestmark = pytest.mark.django_db
STEP = "/assessment/?stage=promotion&track=management&step=2"


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def result(client, stage="promotion", city="", **ratings):
    query = {"stage": stage, "track": "management", "city": city}
    query |= {f"skill-{slug.replace('_', '-')}": level for slug, level in ratings.items()}
    return text(client.get("/assessment/result/?" + urlencode(query)))


def test_it_is_read_once_per_data_version():
    catalog = Catalog.current()
    assert Catalog.current() is catalog
    assert catalog.version == DataVersion.current_token()
    DataVersion.bump()
    assert Catalog.current() is not catalog


def test_it_costs_a_page_only_the_data_version_until_an_edit(client):
    client.get(STEP)
    with CaptureQueriesContext(connection) as queries:
        text(client.get(STEP))
    assert [query["sql"] for query in queries] == ["SELECT token FROM core_dataversion WHERE id = 1"]


def test_it_shows_an_edited_level_description_on_the_next_request(client):
    level = SkillLevel.objects.get(skill__slug="product-knowledge", level=3)
    for url in (STEP, "/assessment/?all=1"):
        assert "应对复杂问题并进行产品推广" in text(client.get(url))
    level.description = "能应对复杂问题并主动推广产品"
    level.save()
    for url in (STEP, "/assessment/?all=1"):
        page = text(client.get(url))
        assert "能应对复杂问题并主动推广产品" in page and "应对复杂问题并进行产品推广" not in page
    assert "能应对复杂问题并主动推广产品" in result(client, product_knowledge=1)


def test_it_shows_a_renamed_skill_in_its_rating_group_and_its_error_on_the_next_request(client):
    """The groups' markup and the rating fields outlive the catalog, kept for what they are made of."""
    text(client.get("/assessment/?all=1"))
    skill = Skill.objects.get(slug="communication")
    skill.name = "沟通与表达"
    skill.save()
    page = text(client.get("/assessment/?all=1"))
    assert 'id="rate-communication">\n  <legend>沟通与表达</legend>' in page
    wrong = client.get(STEP + "&skill-communication=9")
    assert wrong.status_code == 400 and "沟通与表达：" in wrong.content.decode()


def test_it_counts_an_edited_stage_requirement_on_the_next_result(client):
    assert 'id="gap-product-knowledge"' in result(client, product_knowledge=2)
    requirement = StageRequirement.objects.get(stage__slug="promotion", skill__slug="product-knowledge")
    requirement.level = 2
    requirement.save()
    page = result(client, product_knowledge=2)
    assert 'id="gap-product-knowledge"' not in page and 'id="met-product-knowledge"' in page


def test_it_offers_a_new_skill_and_a_renamed_city_on_the_next_request(client):
    text(client.get("/assessment/?all=1"))
    result(client, city="beijing")
    skill = Skill.objects.get(slug="communication")
    Skill.objects.create(slug="listening", name="倾听能力", category=skill.category, definition="听懂客户的需要。")
    city = CitySalary.objects.with_city().get(city__slug="beijing").city
    city.name = "北京市"
    city.save()
    assert 'name="skill-listening"' in text(client.get("/assessment/?all=1"))
    assert "北京市" in result(client, city="beijing", listening=1)


def test_it_links_a_gap_to_a_resource_added_after_the_last_request(client):
    result(client, product_knowledge=1)
    resource = Resource.objects.create(slug="product-manual", name="产品手册精读", kind=Resource.Kind.BOOK)
    resource.skills.add(Skill.objects.get(slug="product-knowledge"))
    page = result(client, product_knowledge=1)
    gap = page[page.index('id="gap-product-knowledge"') :]
    assert "产品手册精读" in gap[: gap.index("</li>\n    \n")]


def test_an_edit_made_while_a_request_reads_it_is_never_kept_under_the_new_version():
    """The version is read before the data: data read after an edit may sit under the old version (which the
    next request no longer matches), never old data under the new one."""
    held = Catalog.current()  # a request has read the version, not the data yet
    level = SkillLevel.objects.get(skill__slug="product-knowledge", level=1)
    level.description = "知道产品的基本信息"
    level.save()  # an edit commits meanwhile
    assert held.version != DataVersion.current_token()
    fresh = Catalog.current()
    assert fresh is not held
    assert fresh.level_descriptions(level.skill)[1] == "知道产品的基本信息"


def test_each_goal_and_city_shows_its_own_figures(client):
    """Parts of the result that follow from the goal alone are kept too; each goal and city has its own."""
    beijing, shanghai = result(client, city="beijing"), result(client, city="shanghai")
    assert "北京（" in beijing and "上海（" not in beijing
    assert "上海（" in shanghai and "北京（" not in shanghai
    promotion, entry = result(client, stage="promotion"), result(client, stage="entry")
    assert "目标阶段：晋升期" in promotion and "目标阶段：入职期" in entry
    assert "目标阶段：晋升期" not in entry


def test_a_plan_opened_before_the_next_edit_costs_only_the_data_version(client):
    link = "/assessment/result/?" + urlencode(
        {"stage": "promotion", "track": "management", "v": DataVersion.current_token(), "skill-product-knowledge": 1}
    )
    client.get(link)
    with CaptureQueriesContext(connection) as queries:
        page = text(client.get(link))
    assert len(queries) == 1 and 'id="plan-changes"' not in page
    level = SkillLevel.objects.get(skill__slug="product-knowledge", level=3)
    level.description = "能应对复杂问题并主动推广产品"
    level.save()
    notice = text(client.get(link)).split('id="plan-changes"')[1].split("</div>")[0]
    assert "产品知识" in notice and "各掌握程度的说明" in notice
