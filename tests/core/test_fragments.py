"""Rendered page fragments (core.fragments): built once per data version and script, never stale after an edit."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.fragments import code_version
from progression.models import Stage
from skills.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.RESPONSE_CACHE_SECONDS = 0  # every request renders the page; only the fragments are kept
    settings.FRAGMENT_CACHE_SECONDS = 600


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


def test_each_script_has_its_own_fragment(traditional):
    # `traditional` is the `client` fixture with the 繁體 cookie set: the Simplified reader needs a client of their own.
    _, simplified = queries_of(Client(), "/")
    _, shown_traditional = queries_of(traditional, "/")
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
