"""Rendered page fragments (core.fragments): built once per data version and script, never stale after an edit."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.versioning import bump_data_version, code_version
from progression.models import Resource, Stage
from skills.models import Skill, Source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_page_is_built_once_then_read_from_its_fragment(client):
    first_count, first = queries_of(client, "/")
    second_count, second = queries_of(client, "/")
    assert second == first
    assert second_count < first_count
    assert second_count == 1  # the data version, read before the view


def test_the_fragment_is_the_page_rendered_without_it(client, settings):
    _, cached = queries_of(client, "/skills/communication/")
    settings.FRAGMENT_CACHE_SECONDS = 0
    _, rendered = queries_of(client, "/skills/communication/")
    assert cached == rendered


def test_an_edit_is_shown_on_the_next_read(client):
    queries_of(client, "/")
    stage = Stage.objects.order_by("order").first()
    stage.name = "试用期"
    stage.save()
    _, page = queries_of(client, "/")
    assert "试用期" in page


def test_a_skill_edit_reaches_its_page_and_the_list(client):
    queries_of(client, "/skills/")
    queries_of(client, "/skills/communication/")
    skill = Skill.objects.get(slug="communication")
    skill.definition = "一句新写的定义。"
    skill.save()
    assert "一句新写的定义。" in queries_of(client, "/skills/communication/")[1]


def test_each_script_has_its_own_fragment(client):
    _, simplified = queries_of(client, "/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    _, shown_traditional = queries_of(client, "/")
    assert "发展路径" in simplified
    assert "發展路徑" in shown_traditional and "发展路径" not in shown_traditional.split("<main")[1]


def test_a_reader_cannot_forge_a_fragment_placeholder(client):
    forged = "<!--fragment:0000000000000000:0-->"
    queries_of(client, "/")  # the header and footer fragments are stored
    response = client.get("/search/", {"q": forged})
    assert "&lt;!--fragment:0000000000000000:0--&gt;" in response.content.decode()


def test_a_deploy_that_changes_a_template_changes_the_keys(settings, tmp_path):
    page = tmp_path / "templates" / "page.html"
    page.parent.mkdir()
    page.write_text("<p>旧的</p>")
    settings.BASE_DIR = tmp_path
    before = code_version.__wrapped__()
    page.write_text("<p>新的</p>")
    assert code_version.__wrapped__() != before


def test_fragments_can_be_turned_off(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    first_count, _ = queries_of(client, "/")
    second_count, _ = queries_of(client, "/")
    assert second_count == first_count > 1


@pytest.mark.parametrize(
    ("url", "edit"),
    [
        ("/progression/", lambda: Stage.objects.filter(slug="stable").update(name="试用期")),
        ("/progression/stable/", lambda: Stage.objects.filter(slug="stable").update(strategy="试用期的做法")),
        (
            "/learning/",
            lambda: Resource.objects.filter(pk=Resource.objects.for_learning()[0].pk).update(name="试用期手册"),
        ),
        ("/sources/", lambda: Source.objects.filter(slug="000").update(title="试用期资料")),
        ("/sources/000/", lambda: Source.objects.filter(slug="000").update(summary="试用期资料的概要")),
        ("/search/?q=沟通", lambda: Skill.objects.filter(slug="communication").update(name="沟通与试用期")),
        ("/skills/?category=soft", lambda: Skill.objects.filter(slug="communication").update(name="沟通与试用期")),
    ],
)
def test_every_page_shows_an_edit_on_the_next_read(client, url, edit):
    queries_of(client, url)
    edit()
    bump_data_version()  # what the signals do for every save through the admin, the API and the loader
    assert "试用期" in queries_of(client, url)[1]
