"""The site's icon: every page links it, and the /favicon.ico that every browser asks for leads to it."""

import pytest
from django.conf import settings
from django.templatetags.static import static

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def test_every_page_links_the_icon(client):
    for path in ["/", "/skills/", "/search/?q=书", "/no-such-page/"]:
        page = client.get(path).content.decode()
        assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page, path


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")


def test_the_icon_is_an_svg_the_app_serves_itself():
    icon = (settings.BASE_DIR / "static" / "favicon.svg").read_text(encoding="utf-8")
    assert icon.startswith("<svg") and 'viewBox="0 0 64 64"' in icon and "http://www.w3.org/2000/svg" in icon
    assert "<script" not in icon and "href=" not in icon  # nothing fetched, nothing run
