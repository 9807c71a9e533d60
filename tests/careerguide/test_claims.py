"""No page sentence claims more than the data holds: counts come from the data, generalisations are true."""

import re

import pytest
from django.test import Client

from core.chinese import fullwidth
from progression.models import Resource
from skills.models import MasteryLevel, Skill, SkillLevel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def numbers_in_lead(page):
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    return [int(n) for n in re.findall(r"\d+", lead)]


def test_the_skills_page_counts_definitions_scenarios_and_levels_from_the_data(client):
    skills = list(Skill.objects.prefetch_related("levels"))
    expected = [len(skills), sum(1 for s in skills if s.scenario), sum(1 for s in skills if s.levels.all())]
    assert expected[2] < expected[1] < expected[0]  # the sources describe levels for only a few skills
    assert numbers_in_lead(client.get("/skills/").content.decode()) == expected


def test_the_skills_page_count_follows_an_edit(client):
    skill = Skill.objects.filter(levels__isnull=True).first()
    before = numbers_in_lead(client.get("/skills/").content.decode())
    SkillLevel.objects.create(skill=skill, level=MasteryLevel.BEGINNER, description="某来源给出的入门说明。")
    assert numbers_in_lead(client.get("/skills/").content.decode())[2] == before[2] + 1


def test_the_learning_page_counts_the_resources_that_name_their_skills(client):
    # The customer-service centres 004 names as examples are no learning resources and are not counted as such.
    resources = list(Resource.objects.for_learning().prefetch_related("skills"))
    expected = [len(resources), sum(1 for r in resources if r.skills.all())]
    assert expected[1] < expected[0]
    assert numbers_in_lead(client.get("/learning/").content.decode()) == expected


# Sentences that generalise beyond what the data holds (each was on a page once).
OVERCLAIMS = ["每项技能都有", "每项资源都标明", "每条信息都", "公开资料", "全部内容都来自", "及三个掌握程度"]
PAGES = ["/", "/skills/", "/skills/communication/", "/progression/", "/learning/", "/salaries/", "/sources/"]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_says_every_item_has_what_only_some_have(url):
    page = Client().get(url).content.decode()
    assert not [claim for claim in OVERCLAIMS if claim in page], url


def test_the_footer_links_to_the_sources_and_their_rights(client):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/sources/"' in footer and "版权" in footer and "公开资料" not in footer


def test_the_api_description_does_not_promise_three_levels_for_every_skill():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    described = schema["info"]["description"] + schema["paths"]["/api/v1/skills/"]["get"]["description"]
    assert "三个掌握程度" not in described and "所有内容来自" not in described
    assert fullwidth("只有少数技能有") in fullwidth(described)
