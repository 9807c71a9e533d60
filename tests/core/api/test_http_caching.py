"""ETag, 304 and Cache-Control on reads; the ETag follows the data version, so it changes with any edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.chinese import fullwidth
from core.models import DataVersion
from core.versioning import code_version
from salaries.models import CitySalary
from skills.models import Skill

pytestmark = pytest.mark.django_db

URL = "/api/v1/skills/"


def test_reads_carry_etag_and_cache_control(api):
    response = api.get(URL)
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert "max-age=60" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_matching_if_none_match_gives_an_empty_304(api):
    etag = api.get(URL).headers["ETag"]
    response = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_weak_and_listed_etags_match_too(api):
    etag = api.get(URL).headers["ETag"]
    assert api.get(URL, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304


def test_a_deploy_that_changes_the_code_changes_the_etag(api, settings, tmp_path):
    etag = api.get(URL).headers["ETag"]
    settings.BASE_DIR = tmp_path  # another tree of code: a representation may have changed with it
    code_version.cache_clear()
    try:
        response = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    finally:
        code_version.cache_clear()

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_304_is_answered_without_reading_the_data(api):
    etag = api.get(URL + "?page_size=50").headers["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert api.get(URL + "?page_size=50", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert not any("skills_skill" in query["sql"] for query in queries)


def test_stale_etag_gets_the_full_response(api):
    response = api.get(URL, HTTP_IF_NONE_MATCH='"not-the-current-one"')
    assert response.status_code == 200
    assert response.json()["results"]


def test_etag_changes_as_soon_as_the_data_changes(api):
    skill = Skill.objects.first()
    before = api.get(f"/api/v1/skills/{skill.slug}/").headers["ETag"]
    skill.definition += "(已更新)"
    skill.save()
    response = api.get(f"/api/v1/skills/{skill.slug}/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response.headers["ETag"] != before
    assert response.json()["definition"] == fullwidth(skill.definition)


def test_an_edit_elsewhere_also_changes_the_etag(api):
    """Lists embed related records (a skill shows its stages), so any edit makes every representation stale."""
    before = api.get(URL).headers["ETag"]
    salary = CitySalary.objects.first()
    salary.average_monthly += 1
    salary.save()
    assert api.get(URL, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_etag_differs_per_representation(api):
    simplified = api.get(URL).headers["ETag"]
    assert api.get(URL + "?lang=zh-hant").headers["ETag"] != simplified
    assert api.get(URL, HTTP_ACCEPT_LANGUAGE="zh-Hant").headers["ETag"] != simplified
    assert api.get(URL + "?page=2").headers["ETag"] != simplified


def test_etag_is_tied_to_the_data_version(api):
    etag = api.get(URL).headers["ETag"]
    DataVersion.bump()
    assert api.get(URL).headers["ETag"] != etag


def test_errors_are_not_marked_cacheable(api):
    response = api.get("/api/v1/skills/?page=0")
    assert response.status_code == 400
    assert not response.has_header("ETag")
