"""Public pages and API reads come from the cache, and no edit — admin, API, import, load — is ever served stale."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.cache import KEY_PREFIX, ResponseCacheMiddleware
from core.versioning import code_version, data_version
from progression.models import Resource
from skills.models import Skill


@pytest.fixture
def skill(db):
    return Skill.objects.filter(levels__level=3).distinct().first()


@pytest.fixture
def admin_client(db, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "Kefu-daohang-2026"))
    return client


def admin_form_data(response):
    """What the browser posts back unchanged from an admin change form."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is not None and value is not False:
                data[bound.html_name] = "on" if value is True else value
    return data


@pytest.mark.parametrize(
    "url", ["/", "/skills/", "/salaries/", "/search/?q=沟通", "/api/v1/skills/", "/api/v1/cities/"]
)
def test_a_repeated_public_read_costs_one_query_for_the_data_version(db, url):
    reader = Client()
    first = reader.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = reader.get(url)

    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert len(queries) == 1 and "core_dataversion" in queries[0]["sql"]


def test_public_pages_tell_proxies_how_to_cache_them(db):
    response = Client().get("/skills/")

    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "max-age=0" in control
    assert response["ETag"].startswith('"')
    assert {"cookie", "accept-language"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    assert not response.cookies


def test_a_matching_etag_is_answered_with_304(db):
    reader = Client()
    etag = reader.get("/progression/")["ETag"]

    assert reader.get("/progression/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_admin_edit_is_served_to_the_next_reader_at_once(admin_client, skill):
    reader = Client()
    page = skill.get_absolute_url()
    assert "由 HR 修改后的定义" not in reader.get(page).content.decode()
    before = reader.get(f"/api/v1/skills/{skill.slug}/")

    url = reverse("admin:skills_skill_change", args=[skill.pk])
    data = admin_form_data(admin_client.get(url))
    data["definition"] = "由 HR 修改后的定义。"
    assert admin_client.post(url, data).status_code == 302

    assert "由 HR 修改后的定义" in reader.get(page).content.decode()
    after = reader.get(f"/api/v1/skills/{skill.slug}/")
    assert after.json()["definition"] == "由 HR 修改后的定义。"
    assert after["ETag"] != before["ETag"]


def test_a_deletion_and_an_m2m_change_each_reach_the_pages(db, skill):
    reader = Client()
    resource = Resource.objects.exclude(skills=skill).first()
    mentions = reader.get("/learning/").content.decode().count(resource.name)
    assert resource.name not in reader.get(skill.get_absolute_url()).content.decode()

    resource.skills.add(skill)
    assert resource.name in reader.get(skill.get_absolute_url()).content.decode()
    resource.delete()
    assert reader.get("/learning/").content.decode().count(resource.name) < mentions


def test_load_guide_update_reaches_the_pages(db, skill):
    reader = Client()
    Skill.objects.filter(pk=skill.pk).update(definition="一次没有经过信号的修改")  # as a raw SQL edit would
    reader.get(skill.get_absolute_url())

    call_command("load_guide", "--update", verbosity=0)

    assert "一次没有经过信号的修改" not in reader.get(skill.get_absolute_url()).content.decode()


def test_the_version_moves_with_the_edit_and_a_rolled_back_edit_leaves_it_alone(db, skill):
    start = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        skill.definition = "不会保存"
        skill.save()
        assert data_version() != start
        raise RuntimeError
    assert data_version() == start

    skill.save()
    assert data_version() != start


def test_traditional_readers_never_get_the_cached_simplified_page(db):
    simplified = Client().get("/progression/").content.decode()
    traditional_reader = Client()
    traditional_reader.cookies["django_language"] = "zh-hant"
    traditional = traditional_reader.get("/progression/").content.decode()

    assert "发展" in simplified and "發展" in traditional


def test_logged_in_and_admin_responses_are_private_and_not_cached(admin_client):
    page = admin_client.get("/skills/")
    assert "private" in page["Cache-Control"]
    assert not any(KEY_PREFIX in key for key in cache._cache)  # rendered for each request, never stored

    assert "private" in admin_client.get("/admin/")["Cache-Control"]
    assert "private" in Client().get("/admin/login/")["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_neither_stored_nor_public(db):
    def sets_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    middleware = ResponseCacheMiddleware(sets_cookie)
    request = RequestFactory().get("/somewhere/")
    request.LANGUAGE_CODE = "zh-hans"
    response = middleware(request)

    assert "private" in response["Cache-Control"]
    assert middleware.key(request) not in cache


def test_a_post_is_never_marked_cacheable(db):
    middleware = ResponseCacheMiddleware(lambda request: HttpResponse("计算结果"))
    request = RequestFactory().post("/api/v1/assessments/", {})
    request.LANGUAGE_CODE = "zh-hans"

    response = middleware(request)

    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_a_deploy_that_changes_the_code_is_not_answered_with_pages_the_old_code_rendered(db, settings, tmp_path):
    reader = Client()
    reader.get("/skills/")
    settings.BASE_DIR = tmp_path  # another tree of code: its digest differs from the one the page was stored under
    code_version.cache_clear()
    try:
        with CaptureQueriesContext(connection) as queries:
            again = reader.get("/skills/")
    finally:
        code_version.cache_clear()

    assert again.status_code == 200
    assert len(queries) > 1, "the page was rendered again, not read from the old code's entry"
