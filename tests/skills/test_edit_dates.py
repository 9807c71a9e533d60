"""Seeded content is dated by its sources; "最后修改" appears only once HR has edited a skill."""

import pytest
from django.test import Client

from skills.models import Skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def test_a_seeded_skill_shows_its_sources_dates_not_the_load_time(skill):
    assert skill.version > 1  # loading its levels and aliases moved the version on: the version cannot tell
    assert skill.last_edited is None
    page = Client().get(skill.get_absolute_url()).content.decode()
    assert "最后修改" not in page
    dates = {c.source.published_on for c in skill.citations.all()}
    if None in dates:
        assert "来源未注明日期" in page
    for date in dates - {None}:
        assert date.isoformat() in page


def test_a_seeded_skill_has_no_last_edited_in_the_api(api, skill):
    assert api.get(f"/api/v1/skills/{skill.slug}/").json()["last_edited"] is None


def test_an_admin_edit_shows_when_it_was_made(hr_client, skill, form_data, change_url):
    data = form_data(hr_client.get(change_url(skill)))
    data["definition"] = "HR 修改后的定义。"
    assert hr_client.post(change_url(skill), data).status_code == 302

    edited = Skill.objects.with_edit_status().get(pk=skill.pk)
    assert edited.last_edited is not None and Skill.objects.get(pk=skill.pk).last_edited == edited.last_edited
    page = Client().get(skill.get_absolute_url()).content.decode()
    assert "最后修改" in page and f"第 {edited.version} 版" in page
    assert Client().get(f"/api/v1/skills/{skill.slug}/").json()["last_edited"] is not None


def test_an_api_edit_of_a_level_counts_as_an_edit_of_the_skill(token_client, api, skill):
    client = token_client("change_skilllevel")
    response = client.patch(f"/api/v1/skills/{skill.slug}/levels/1/", {"description": "新的入门描述。"}, format="json")
    assert response.status_code == 200, response.content
    assert api.get(f"/api/v1/skills/{skill.slug}/").json()["last_edited"] is not None


def test_the_edit_status_costs_no_query_per_skill(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 100):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(f"/api/v1/skills/?page_size={size}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
