"""The stage-first flow: the goal, then only the skills it needs, a few per page, answers carried in the link."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.forms import STEP_SIZE
from assessment.report import Assessment, Catalog
from bench import synthetic
from core.models import DataVersion
from progression.models import StageRequirement
from skills.models import Skill, SkillLevel

pytestmark = pytest.mark.django_db
GOAL = {"stage": "stable", "track": "management"}


def text(response):
    return response.content.decode()


def needed(stage="stable", track="management"):
    return [s.slug for s in Assessment.from_answers(Catalog(), stage=stage, track=track, ratings={}).needed_skills()]


def radios(response):
    return sorted(set(re.findall(r'<input type="radio" name="skill-([^"]+)"', text(response))))


def hidden(response):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text(response)))


def test_the_first_page_asks_only_for_the_goal_and_offers_the_full_form(client):
    page = text(client.get("/assessment/"))
    assert 'name="stage"' in page and 'name="track"' in page and 'name="skill-' not in page
    assert "第 1 步" in page
    assert 'href="/assessment/?all=1"' in page
    assert "<script" not in page.split("<main", 1)[1]


def test_each_step_rates_a_few_of_the_skills_the_goal_needs_with_progress(client):
    skills = needed()
    assert len(skills) < Skill.objects.count()
    pages = [skills[i : i + STEP_SIZE] for i in range(0, len(skills), STEP_SIZE)]
    total = len(pages) + 1
    for number, expected in enumerate(pages, start=2):
        response = client.get("/assessment/", {**GOAL, "step": number})
        assert response.status_code == 200
        assert radios(response) == sorted(expected)
        assert f"第 {number} 步，共 {total} 步" in text(response)
        assert f"已评 0/{len(skills)} 项" in text(response)


def test_answers_travel_in_hidden_fields_and_nothing_is_preset(client):
    first, later = needed()[0], needed()[-1]
    response = client.get("/assessment/", {**GOAL, "step": 3, f"skill-{first}": "2", f"skill-{later}": "1"})
    carried = hidden(response)
    assert carried["stage"] == "stable" and carried[f"skill-{first}"] == "2"
    assert f"skill-{later}" not in carried  # shown on this step, checked there
    assert re.search(rf'name="skill-{later}" value="1" id="[^"]+" checked', text(response))
    assert text(response).count(" checked") == 1
    assert "已评 2/" in text(response)
    assert carried["v"] == DataVersion.current_token()


def test_the_last_step_submits_to_the_result_and_the_back_button_to_the_previous_step(client):
    total = len(range(0, len(needed()), STEP_SIZE)) + 1
    page = text(client.get("/assessment/", {**GOAL, "step": total}))
    assert 'formaction="/assessment/result/"' in page
    assert f'name="step" value="{total - 1}"' in page
    goal = client.get("/assessment/", {**GOAL, "step": 1, "skill-communication": "2"})
    assert 'name="stage" value="stable"' in text(goal) and hidden(goal)["skill-communication"] == "2"


def test_levels_are_described_where_the_source_describes_them_and_a_note_says_where_it_does_not(client):
    page = text(client.get("/assessment/", {**GOAL, "step": 2}))
    described = SkillLevel.objects.get(skill__slug="product-knowledge", level=2).description
    assert described in page
    assert "来源没有说明这项技能各程度的含义。" in page


def test_a_bad_rating_opens_its_step_with_a_chinese_400_and_keeps_the_valid_answers(client):
    skills = needed()
    bad, good = skills[-1], skills[0]
    response = client.get("/assessment/", {**GOAL, f"skill-{bad}": "9", f"skill-{good}": "1"})
    assert response.status_code == 400
    assert "“9”不是有效的掌握程度" in text(response)
    assert bad in radios(response)
    assert hidden(response)[f"skill-{good}"] == "1"


@pytest.mark.parametrize("step", ["99", "x", "0"])
def test_a_step_that_does_not_exist_is_a_400_on_the_first_rating_step(client, step):
    response = client.get("/assessment/", {**GOAL, "step": step, "skill-communication": "2"})
    assert response.status_code == 400
    assert "第 2 步" in text(response)
    assert "已回到第一步评分" in text(response)


def test_a_plan_link_says_which_of_its_skills_and_requirements_changed_after_an_hr_edit(client):
    version = DataVersion.current_token()
    url = "/assessment/result/?" + urlencode({**GOAL, "v": version, "skill-communication": "1"})
    assert 'id="plan-changes"' not in text(client.get(url))
    skill = Skill.objects.get(slug="product-knowledge")
    skill.definition += "（修订）"
    skill.save()
    requirement = StageRequirement.objects.get(stage__slug="stable", skill__slug="communication")
    requirement.level_note += "。"
    requirement.save()
    Skill.objects.filter(slug="leadership").update(name="领导力（改）")  # not in this plan: not named
    other = Skill.objects.get(slug="strategic-thinking")
    other.definition += "。"
    other.save()
    page = text(client.get(url))
    changes = page[page.index('id="plan-changes"') : page.index("</div>", page.index('id="plan-changes"'))]
    assert "产品知识" in changes and "技能的说明" in changes
    assert "沟通能力" in changes and "稳定期对它的要求" in changes
    assert "战略思维" not in changes


def test_a_link_without_a_version_or_with_a_foreign_one_claims_nothing(client):
    for version in ("", "not-a-version"):
        page = text(client.get("/assessment/result/?" + urlencode({**GOAL, "v": version})))
        assert 'id="plan-changes"' not in page
        assert "v=" in page  # the permalink records the current version


@pytest.mark.parametrize(
    "url",
    [
        "/assessment/",
        "/assessment/?stage=promotion&track=professional&step=2",
        "/assessment/?all=1",
        "/assessment/result/?stage=promotion&track=professional&v=1-abcdef12&skill-communication=2",
    ],
)
def test_each_page_of_the_flow_reads_a_fixed_number_of_queries(client, url):
    def count():
        """(first request after an edit, which reads the catalog; the next one, which reuses it)"""
        DataVersion.bump()
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    before = count()
    synthetic.grow(skills=300, cities=100, resources=40)
    assert count() == before
