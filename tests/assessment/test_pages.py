"""The assessment form and the result page, rendered by the real views against the seed data."""

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from bench import synthetic
from core.cache import ResponseCacheMiddleware
from core.chinese import fullwidth
from core.models import DataVersion
from skills.models import Skill, SkillCategory

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def checked(response, name):
    """The value of the checked radio called `name`, or None."""
    found = re.search(rf'<input type="radio" name="{re.escape(name)}" value="([^"]*)"[^>]*\bchecked\b', text(response))
    return found and found.group(1)


def kept(response, name):
    """The value a page carries for `name`: its checked radio or its hidden field, or None."""
    hidden = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', text(response))
    return checked(response, name) or (hidden and hidden.group(1))


def test_the_full_form_offers_every_skill_grouped_by_category_with_four_ratings_and_no_preset(client):
    response = client.get("/assessment/?all=1")
    assert response.status_code == 200
    page = text(response)
    for category in SkillCategory.objects.all():
        assert f'id="category-{category.slug}"' in page
    for skill in Skill.objects.all():
        assert page.count(f'name="skill-{skill.slug}"') == 4
        assert checked(response, f"skill-{skill.slug}") is None
    for label in ("尚未掌握", "入门", "熟练", "精通"):
        assert label in page
    assert 'method="get"' in page and 'action="/assessment/result/"' in page


def test_the_result_lists_the_gaps_with_their_resources_and_strategy(client, result_url):
    response = client.get(result_url(stage="stable", problem_solving=2, communication=1))
    assert response.status_code == 200
    page = text(response)
    gaps = page[page.index('id="gaps"') : page.index('id="chart-title"')]
    assert 'id="gap-communication"' in gaps and 'id="gap-product-knowledge"' in gaps
    assert 'id="gap-problem-solving"' not in gaps
    # Both one level short: 稳定期's own requirement comes before 入职期's basics.
    assert gaps.index('id="gap-communication"') < gaps.index('id="gap-product-knowledge"')
    assert "企业内训课程" in gaps  # the resource 003 and 004 tie to communication
    assert fullwidth("积极参与客户服务案例分析,向资深同事请教。") in gaps
    assert 'id="met-problem-solving"' in page
    assert fullwidth("共 3 项技能要求:已达到 1 项,部分达到 1 项,尚未掌握 1 项。") in page


def test_the_chart_is_server_rendered_svg_with_the_numbers_as_text(client, result_url):
    page = text(client.get(result_url(stage="promotion", product_knowledge=1)))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'class="bar-required"' in svg and 'class="bar-current"' in svg
    assert ">1/3</text>" in svg  # 产品知识: 入门 of 精通
    assert fullwidth("<td>入门(1)</td><td>精通(3)</td><td>2</td>") in page


def test_the_result_shows_the_band_of_the_target_stage_and_the_city_against_the_average(client, result_url):
    page = text(client.get(result_url(stage="entry", city="beijing")))
    assert fullwidth("初级售后客服:一般在 3,000–5,000 元/月") in page
    assert fullwidth("北京 2010年6月的入职平均月薪为 7,285 元(2010年6月),同期 36 个城市的平均值为") in page
    assert "该数据为职位人的入职平均薪酬" in page  # the dataset's caveats go with the numbers
    assert fullwidth("高级售后客服:可达到 8,000–10,000 元/月") in text(client.get(result_url(stage="promotion")))


def test_the_result_says_what_the_next_stage_asks(client, result_url):
    page = text(client.get(result_url(stage="promotion")))
    section = page[page.index('id="next-stage"') :]
    assert "高级管理期" in section and "全面的团队管理能力与战略思维。" in section
    assert "是发展路径的最后一个阶段" in text(client.get(result_url(stage="management")))


def test_the_result_links_back_to_the_form_with_the_answers_kept(client, answers, result_url):
    page = text(client.get(result_url(stage="promotion", track="professional", communication=3)))
    link = re.search(r'href="/assessment/\?([^"]+)"', page).group(1).replace("&amp;", "&")
    form = client.get("/assessment/?" + link)
    assert form.status_code == 200
    assert kept(form, "stage") == "promotion"
    assert kept(form, "track") == "professional"
    assert kept(form, "skill-communication") == "3"


def test_a_link_with_only_a_stage_opens_the_goal_step_at_that_stage(client):
    response = client.get("/assessment/?stage=promotion")
    assert response.status_code == 200
    assert checked(response, "stage") == "promotion"
    assert checked(response, "track") is None
    assert "skill-communication" not in text(response)
    assert "答案有问题" not in text(response)


def test_the_form_page_points_out_wrong_values_in_its_link_and_keeps_the_rest(client):
    response = client.get("/assessment/?stage=ceo&track=professional&skill-communication=7&skill-teamwork=2")
    assert response.status_code == 400
    page = text(response)
    assert "没有“ceo”这个阶段" in page and "“7”不是有效的掌握程度" in page
    assert checked(response, "track") == "professional"
    assert checked(response, "skill-teamwork") == "2"
    assert checked(response, "skill-product-knowledge") is None


def test_nothing_is_stored_and_the_page_is_kept_out_of_shared_caches(client, result_url):
    response = client.get(result_url())
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.cookies


def test_answers_never_enter_the_server_response_cache(client, result_url, settings):
    settings.RESPONSE_CACHE_SECONDS = 60
    url = result_url(stage="promotion", communication=2)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    # A result costs no more than reading the data version, so the query count cannot tell; the cache can.
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = "zh-hans"
    assert ResponseCacheMiddleware.key(request) not in cache


def test_the_blank_first_step_is_the_same_for_everyone_and_served_from_the_response_cache(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 60
    first = client.get("/assessment/")
    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/assessment/")

    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert "public" in again["Cache-Control"] and "no-store" not in again["Cache-Control"]
    assert len(queries) == 1 and "core_dataversion" in queries[0]["sql"]
    request = RequestFactory().get("/assessment/")
    request.LANGUAGE_CODE = "zh-hans"
    assert ResponseCacheMiddleware.key(request) in cache


def test_a_first_step_with_answers_in_its_link_stays_private(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 60
    response = client.get("/assessment/?stage=promotion")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    request = RequestFactory().get("/assessment/?stage=promotion")
    request.LANGUAGE_CODE = "zh-hans"
    assert ResponseCacheMiddleware.key(request) not in cache


def test_the_result_has_a_print_stylesheet(client, result_url):
    page = text(client.get(result_url()))
    assert re.search(r'<link rel="stylesheet" href="[^"]*assessment-print[^"]*\.css" media="print">', page)


def test_the_result_reads_in_traditional_chinese(client, result_url):
    client.cookies["django_language"] = "zh-hant"
    page = text(client.get(result_url(stage="stable", city="guangzhou")))
    assert "需要補上的差距" in page and "溝通能力" in page
    assert "需要补上的差距" not in page


def test_the_result_page_reads_a_fixed_number_of_queries(client, result_url):
    def count():
        """(first request after an edit, which reads the catalog; the next one, which reuses it)"""
        url = result_url(stage="management", track="professional", city="shanghai")
        DataVersion.bump()
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    before = count()
    # Synthetic skills (with stage requirements), cities and resources: several times the real data.
    synthetic.grow(skills=300, cities=100, resources=40)
    assert count() == before


# Bad input: a clear Chinese message, the form again with what was valid, a 400, never a 500.


def test_an_unknown_skill_is_named_and_the_valid_answers_are_kept(client, answers):
    data = answers(stage="promotion", communication=2)
    data["skill-juggling"] = "3"
    response = client.get("/assessment/result/", data)
    assert response.status_code == 400
    assert fullwidth("链接里有本站没有的技能:juggling。") in text(response)
    assert kept(response, "stage") == "promotion"
    assert kept(response, "skill-communication") == "2"
    assert 'name="skill-juggling"' not in text(response)


@pytest.mark.parametrize("level", ["4", "-1", "abc", "2.5"])
def test_an_invalid_level_is_reported_on_its_skill_and_the_rest_is_kept(client, answers, level):
    data = answers(stage="entry", product_knowledge=1)
    data["skill-communication"] = level
    response = client.get("/assessment/result/", data)
    assert response.status_code == 400
    page = text(response)
    assert f"“{level}”不是有效的掌握程度" in page
    assert checked(response, "skill-communication") is None
    assert kept(response, "skill-product-knowledge") == "1"
    assert kept(response, "stage") == "entry"


def test_an_empty_rating_is_unrated_not_an_error(client, answers):
    data = {**answers(stage="entry", product_knowledge=1), "skill-communication": ""}
    response = client.get("/assessment/result/", data)
    assert response.status_code == 200
    assert 'id="unrated-communication"' in text(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stage", "ceo", "没有“ceo”这个阶段"),
        ("track", "sideways", "没有“sideways”这个发展通道"),
        ("city", "atlantis", "没有“atlantis”这个城市的薪资数据"),
    ],
)
def test_an_unknown_stage_track_or_city_is_reported(client, answers, field, value, message):
    data = answers(stage="stable", communication=2)
    data[field] = value
    response = client.get("/assessment/result/", data)
    assert response.status_code == 400
    assert message in text(response)
    assert kept(response, "skill-communication") == "2"


def test_a_missing_stage_asks_for_one(client, answers):
    data = answers()
    del data["stage"]
    response = client.get("/assessment/result/", data)
    assert response.status_code == 400
    assert "请选择目标阶段。" in text(response)


def test_a_link_that_lost_its_tail_shows_what_arrived_and_calls_the_rest_unrated(client):
    url = "/assessment/result/?stage=promotion&track=professional&skill-product-knowledge=2&skill-communication=1"
    response = client.get(url[: url.rindex("&")])
    assert response.status_code == 200
    page = text(response)
    assert 'id="gap-product-knowledge"' in page and 'id="unrated-communication"' in page
    assert "未评" in page[page.index('id="result-summary"') :][:300]


def test_foreign_parameters_of_a_shared_link_are_ignored(client, result_url):
    response = client.get(result_url() + "&from=singlemessage&isappinstalled=0")
    assert response.status_code == 200
    assert client.get("/assessment/?from=singlemessage").status_code == 200


def test_hostile_values_are_escaped_and_never_cause_a_server_error(client, answers):
    data = answers()
    data["stage"] = "<script>alert(1)</script>"
    data["skill-<b>x</b>"] = "1"
    response = client.get("/assessment/result/", data)
    assert response.status_code == 400
    page = text(response)
    assert "<script>alert(1)</script>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;" in page
    data["skill-communication"] = "\x00"
    assert client.get("/assessment/result/", data).status_code == 400


def test_an_empty_result_url_shows_the_form_with_a_message(client):
    response = client.get("/assessment/result/")
    assert response.status_code == 400
    assert "请选择目标阶段。" in text(response)


@pytest.mark.parametrize("which", ["goal", "step", "form", "result", "invalid"])
def test_the_pages_have_one_h1_headings_in_order_and_every_control_labelled(client, answers, result_url, which):
    data = answers(stage="promotion", city="beijing", communication=2)
    url = {
        "goal": "/assessment/",
        "step": "/assessment/?stage=promotion&track=management&skill-communication=2",
        "form": "/assessment/?all=1",
        "result": result_url(stage="promotion", city="beijing", communication=2),
        "invalid": "/assessment/result/?" + urlencode({**data, "stage": "ceo"}),
    }[which]
    page = text(client.get(url))
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), levels
    labelled = set(re.findall(r'<label[^>]* for="([^"]+)"', page))
    for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
        if 'type="hidden"' in control:
            continue
        assert re.search(r'id="([^"]+)"', control).group(1) in labelled, control


def test_each_error_in_the_summary_links_to_its_field(client, answers):
    data = {**answers(), "stage": "ceo", "city": "atlantis", "skill-communication": "9"}
    page = text(client.get("/assessment/result/", data))
    summary = page[page.index('id="form-errors"') : page.index("</div>", page.index('id="form-errors"'))]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert anchors == ["id_stage_0", "id_city", "id_skill-communication_0"]
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_every_error_a_field_points_to_is_on_the_page(client, answers):
    data = {**answers(), "stage": "ceo", "city": "atlantis", "skill-communication": "9"}
    page = text(client.get("/assessment/result/", data))
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert "id_city_error" in described
    for identifier in described:
        assert f'id="{identifier}"' in page, identifier


def test_the_result_states_the_rule_for_a_requirement_the_source_sets_no_level_for(client, result_url):
    page = text(client.get(result_url(stage="promotion", patience_emotion=0)))
    gap = page[page.index('id="gap-patience-emotion"') :]
    gap = gap[: gap.index("</li>")]
    assert "来源未规定程度" in gap and "精通" not in gap
    assert fullwidth("自评达到入门或以上,就算具备这项技能") in page
    assert 'id="unstated-level-rule"' in page


def test_the_result_labels_a_level_read_by_the_site(client, result_url):
    page = text(client.get(result_url(stage="entry")))
    assert "目标程度是本站的解读" in page and "本站把“初级”读作入门" in page
