"""What the home, stage, progression and learning pages and the salary chart say (issue 14): the facts at a glance,
each cited; a stage with what the next one adds and the sources' silence on durations; the tracks compared; the
customer-service centres of 004 shown as examples, never as learning."""

import re

import pytest
from django.db import connection
from django.template.defaultfilters import linebreaksbr
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from assessment.report import Catalog
from core.chinese import fullwidth
from progression.models import LevelBasis, Resource, Stage, StageRequirement, Track
from salaries.models import CitySalary, SalaryBand, SalaryDataset

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

NO_DURATION = "资料没有说明每个阶段需要多长时间"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def between(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def quotes_of(record):
    return [linebreaksbr(escape(citation.quote)) for citation in record.citations.all()]


# --- home -----------------------------------------------------------------------------------------------------


def test_home_opens_with_the_facts_at_a_glance_each_cited(client):
    html = page(client, "/")
    glance = between(html, 'class="glance"', 'class="quick-links"')
    assert "客户服务代表的工作主要是" in glance
    assert re.findall(r'href="/progression/([\w-]+)/"', glance) == list(Stage.objects.values_list("slug", flat=True))
    assert NO_DURATION in glance
    for stage in Stage.objects.all():
        assert all(quote in glance for quote in quotes_of(stage))
    dataset = SalaryDataset.objects.get()
    for record in [dataset, *SalaryBand.objects.all()]:
        assert all(quote in glance for quote in quotes_of(record)), record


def test_home_gives_the_pay_with_its_year_and_what_it_is_not(client):
    glance = between(page(client, "/"), 'class="glance"', 'class="quick-links"')
    average = f"{CitySalary.objects.summary()['average']:,}"
    assert f"{average} 元/月（2010年6月）" in glance
    assert "不是今天的工资" in glance and "不含福利" in glance
    assert "一般在 3,000–5,000 元/月" in glance and "可达到 8,000–10,000 元/月" in glance
    assert "未注明年份" in glance


def test_home_leads_into_the_assessment_as_its_primary_action(client):
    glance = between(page(client, "/"), 'class="glance"', 'class="quick-links"')
    assert re.search(r'<a class="button-primary" href="/assessment/">开始自我评估</a>', glance)


# --- stage pages ----------------------------------------------------------------------------------------------


def test_a_stage_page_lists_its_requirements_with_their_level_or_the_sources_silence(client):
    html = page(client, "/progression/promotion/")
    needs = between(html, 'id="needs-title"', 'id="next-title"')
    assert "精通" in needs and "来源未规定程度" in needs
    for requirement in StageRequirement.objects.filter(stage__slug="promotion"):
        assert requirement.skill.name in needs
        assert all(quote in needs for quote in quotes_of(requirement))
    assert "提升策略" in needs and Stage.objects.get(slug="promotion").strategy in needs


def test_a_stage_page_labels_the_sites_reading_of_a_level(client):
    html = page(client, "/progression/entry/")
    reading = StageRequirement.objects.filter(stage__slug="entry", level_basis=LevelBasis.READING).first()
    assert "本站解读" in html and escape(fullwidth(reading.level_note)) in html


def test_a_stage_page_says_what_the_next_stage_adds(client):
    added = between(page(client, "/progression/stable/"), 'id="next-title"', 'class="pager"')
    assert "下一阶段“晋升期”新增或提高的要求" in added
    # 晋升期 asks for 产品知识 and 耐心与情绪管理, neither of which 稳定期 names.
    assert re.search(r"新增</span> <a [^>]*>产品知识</a>", added)
    assert re.search(r"新增</span> <a [^>]*>耐心与情绪管理</a>", added)
    assert "问题解决能力" not in added


def test_a_raised_level_is_shown_as_a_rise(client):
    stable, promotion = Stage.objects.get(slug="stable"), Stage.objects.get(slug="promotion")
    StageRequirement.objects.create(
        stage=promotion,
        skill=stable.requirements.get(skill__slug="problem-solving").skill,
        level=3,
        level_basis=LevelBasis.READING,
        level_note="测试用的解读。",
    )
    added = between(page(client, "/progression/stable/"), 'id="next-title"', 'class="pager"')
    assert re.search(r"提高</span> <a [^>]*>问题解决能力</a>\s*从熟练到精通", added)


def test_the_last_stage_says_it_is_the_last_and_points_to_the_tracks(client):
    html = page(client, "/progression/management/")
    assert "这是四个阶段里的最后一个" in html and 'href="/progression/#tracks-title"' in html
    assert 'rel="prev"' in html and 'rel="next"' not in html


@pytest.mark.parametrize("slug", ["entry", "stable", "promotion", "management"])
def test_a_stage_page_says_the_sources_give_no_duration_and_never_links_to_itself(client, slug):
    html = page(client, f"/progression/{slug}/")
    assert NO_DURATION in html
    assert f'href="/progression/{slug}/"' not in html


def test_a_stage_page_costs_the_same_queries_with_more_requirements(client, django_assert_num_queries):
    with CaptureQueriesContext(connection) as before:
        client.get("/progression/stable/")
    stable = Stage.objects.get(slug="stable")
    for requirement in StageRequirement.objects.exclude(stage=stable).select_related("skill"):
        StageRequirement.objects.get_or_create(stage=stable, skill=requirement.skill)
    with django_assert_num_queries(len(before)):
        client.get("/progression/stable/")


# --- tracks ---------------------------------------------------------------------------------------------------


def test_the_tracks_are_compared_from_the_data(client):
    html = page(client, "/progression/")
    section = between(html, 'id="tracks-title"', 'id="challenges-title"')
    management, professional = Track.objects.order_by("order")
    managed = between(section, f'id="track-{management.slug}"', "</article>")
    specialist = between(section, f'id="track-{professional.slug}"', "</article>")
    assert ">领导能力</a>" in managed and ">领导能力</a>" not in specialist
    assert ">数据分析能力</a>" in specialist and ">数据分析能力</a>" not in managed
    shared = section[section.index('class="tracks-shared"') :]
    assert ">问题解决能力</a>" in shared and ">问题解决能力</a>" not in managed + specialist
    # 001 gives both tracks one list of what to grow: shown once, as shared, and said so.
    assert "来源对管理线和专业线给出的是同一份清单" in shared
    assert all(item in shared for item in management.growth_list())
    assert all(quote in section for track in (management, professional) for quote in quotes_of(track))


def test_tracks_that_differ_in_what_to_grow_show_it_in_their_own_column(client):
    professional = Track.objects.get(slug=Track.objects.order_by("order").last().slug)
    professional.growth += "\n钻研产品技术细节"
    professional.save()
    section = between(page(client, "/progression/"), 'id="tracks-title"', 'id="challenges-title"')
    assert "钻研产品技术细节" in between(section, f'id="track-{professional.slug}"', "</article>")
    assert "同一份清单" not in section


# --- learning -------------------------------------------------------------------------------------------------


def test_the_customer_service_centres_of_004_are_examples_not_learning(client):
    html = page(client, "/learning/")
    examples = html[html.index('id="examples-title"') :]
    learning = html[: html.index('id="examples-title"')]
    assert "客服中心实例（来源 004 提到）" in examples
    for slug in ("china-railway-customer-service-centre", "china-unicom-customer-service"):
        resource = Resource.objects.get(slug=slug)
        assert resource.kind == Resource.Kind.EXAMPLE
        assert f'id="resource-{slug}"' in examples and resource.url not in learning
        assert all(quote in examples for quote in quotes_of(resource))
    assert "12306" not in learning


def test_the_assessment_plan_never_offers_an_example_as_learning():
    catalog = Catalog()
    offered = {resource.slug for resource in catalog.general_resources()}
    offered |= {r.slug for skill in catalog.skills for r in catalog.resources_for(skill)}
    assert offered and not offered & set(Resource.objects.examples().values_list("slug", flat=True))
    assert "china-customer-service-association" in offered


def test_no_resource_carries_a_filler_description():
    for resource in Resource.objects.all():
        assert resource.description not in {"推荐书籍。", "推荐的培训课程之一。", "推荐的认证机构之一。"}
        assert not resource.description.startswith("知识更新渠道中推荐的")


def test_a_link_appears_only_where_a_source_gives_one(client):
    html = page(client, "/learning/")
    links = set(re.findall(r'<a href="(https?://[^"]+)"', html))
    assert links == set(Resource.objects.exclude(url="").values_list("url", flat=True))


# --- salary chart ---------------------------------------------------------------------------------------------


def test_the_salary_chart_keeps_names_and_amounts_as_text_beside_the_bars(client):
    html = page(client, "/salaries/")
    chart = between(html, '<figure class="chart"', "</figure>")
    assert "<text" not in chart  # no SVG text to shrink with the drawing
    assert len(re.findall(r'class="bar-row[ "]', chart)) == CitySalary.objects.count()
    assert "各城市平均月薪（2010年6月）条形图" in chart
    average = f"{CitySalary.objects.summary()['average']:,}"
    assert f"虚线：各城市平均 {average} 元/月（2010年6月）" in chart
    assert 'vector-effect="non-scaling-stroke"' in chart
