"""The result page with its fragments kept: an edit of anything it shows is on the next read."""

import re
from urllib.parse import urlencode

import pytest

from progression.models import Resource, Stage, StageRequirement, Track

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def result(client, stage="promotion", **ratings):
    query = {"stage": stage, "track": "management", "city": "beijing"}
    query |= {f"skill-{slug.replace('_', '-')}": level for slug, level in ratings.items()}
    response = client.get("/assessment/result/?" + urlencode(query))
    assert response.status_code == 200
    return response.content.decode()


def part(page, pattern):
    return re.search(pattern, page, re.S).group(0)


def test_an_edited_resource_is_in_the_help_under_a_gap_on_the_next_read(client):
    gap = '<li class="gap gap-partly" id="gap-product-knowledge">.*?</li>\n'
    assert "企业内训课程" in part(result(client, product_knowledge=1), gap)
    resource = Resource.objects.get(name="企业内训课程")
    resource.name = "公司内部培训"
    resource.save()
    assert "公司内部培训" in part(result(client, product_knowledge=1), gap)


def test_an_edited_strategy_is_in_the_help_under_a_gap_on_the_next_read(client):
    assert "参与高级培训课程" in result(client, product_knowledge=1)
    stage = Stage.objects.get(slug="promotion")
    stage.strategy = "报名参加高级培训课程。"
    stage.save()
    page = result(client, product_knowledge=1)
    assert "报名参加高级培训课程" in page and "参与高级培训课程" not in page


def test_a_renamed_stage_is_in_the_heading_on_the_next_read(client):
    assert "晋升期" in part(result(client), "<h1>.*?</h1>")
    stage = Stage.objects.get(slug="promotion")
    stage.name = "进阶期"
    stage.save()
    assert "进阶期" in part(result(client), "<h1>.*?</h1>")


def test_a_requirement_losing_its_level_brings_the_rule_into_the_heading_on_the_next_read(client):
    assert 'id="unstated-level-rule"' not in result(client, stage="entry")
    requirement = StageRequirement.objects.get(stage__slug="entry", skill__slug="communication")
    requirement.level = None
    requirement.save()
    assert 'id="unstated-level-rule"' in result(client, stage="entry")


def test_an_edited_track_growth_is_in_the_track_section_on_the_next_read(client):
    assert "学习人员管理和培训技巧" in result(client)
    track = Track.objects.get(slug="management")
    track.growth = track.growth.replace("学习人员管理和培训技巧", "学习带人和培训的方法")
    track.save()
    page = result(client)
    assert "学习带人和培训的方法" in page and "学习人员管理和培训技巧" not in page


def test_an_edited_general_resource_is_in_its_section_on_the_next_read(client):
    section = '<section class="section" aria-labelledby="general-title".*?</section>'
    assert "腾讯课堂" in part(result(client), section)
    resource = Resource.objects.get(name="腾讯课堂")
    resource.name = "腾讯课堂（在线）"
    resource.save()
    assert "腾讯课堂（在线）" in part(result(client), section)
