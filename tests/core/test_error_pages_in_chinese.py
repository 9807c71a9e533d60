"""Chinese error pages in the site's style."""

import pytest
from django.template.loader import render_to_string

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def test_a_missing_page_is_a_chinese_404_with_the_sites_navigation(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "找不到这个页面" in page and 'class="site-nav"' in page and "跳到正文" in page


def test_the_500_page_renders_without_a_request():
    # Django renders 500.html with an empty context when something already went wrong.
    page = render_to_string("500.html")
    assert "服务器出了点问题" in page
    assert "language-switch" not in page  # would need the request it does not have
