"""Under the Content-Security-Policy, every page, the admin and the API docs still work in a real browser:
Chromium reports no blocked script, style, image or font, and the script-driven parts really run."""

import re

import pytest
from django.contrib.auth import get_user_model

from skills.models import Skill

pytestmark = pytest.mark.browser
PASSWORD = "Csp-ceshi-mima-2026"


@pytest.fixture
def site(live_server, guide, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    return live_server.url


@pytest.fixture
def watched(page):
    """The page, plus every CSP violation and script error it reports."""
    problems = []

    def note(message):
        if "Content Security Policy" in message.text or message.type == "error":
            problems.append(f"{page.url}: {message.text} {message.location.get('url')}")

    page.on("console", note)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.problems = problems
    return page


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    assert (
        "Content-Security-Policy" in {name.title() for name in response.headers}
        or "content-security-policy" in response.headers
    )
    return response


def test_public_pages_run_under_the_policy(watched, site):
    skill = Skill.objects.order_by("pk").first()
    for path in [
        "/",
        "/skills/",
        f"/skills/{skill.slug}/",
        "/progression/",
        "/learning/",
        "/salaries/",
        "/salaries/compare/?cities=beijing,shanghai",
        "/search/?q=沟通",
        "/sources/",
        "/assessment/",
        "/assessment/?stage=stable&track=management&step=2",
        "/assessment/?all=1",
    ]:
        visit(watched, site + path)
    assert watched.problems == []


def test_the_api_docs_render_under_the_policy(watched, site):
    visit(watched, site + "/api/docs/")
    watched.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "careerguide API" in watched.inner_text(".swagger-ui .info .title")
    assert "客服职业导航" in watched.inner_text(".swagger-ui .info .description")
    # Operations are listed: the spec was fetched and rendered by Swagger UI's scripts.
    assert watched.locator(".opblock").count() > 5
    assert watched.problems == []


def test_the_admin_works_under_the_policy(watched, site):
    get_user_model().objects.create_superuser("csp-admin", password=PASSWORD)
    visit(watched, site + "/admin/login/")
    watched.fill("#id_username", "csp-admin")
    watched.fill("#id_password", PASSWORD)
    watched.click("input[type=submit]")
    watched.wait_for_url(re.compile(r"/admin/$"))
    skill = Skill.objects.order_by("pk").first()
    visit(watched, f"{site}/admin/skills/skill/{skill.pk}/change/")
    visit(watched, f"{site}/admin/skills/skill/?q=沟通")
    # The changelist's select-all checkbox is wired by admin/js/actions.js: it only works if the script ran.
    watched.check("#action-toggle")
    assert watched.locator("input.action-select:checked").count() >= 1
    assert watched.problems == []
