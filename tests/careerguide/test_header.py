"""The header on a phone: one row with the site's name and a menu that opens without JavaScript."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]


def header(client, path="/"):
    page = client.get(path).content.decode()
    return page[page.index('<header class="site-header">') : page.index("</header>")]


def test_the_sections_search_and_script_choice_fold_into_one_disclosure(client):
    html = header(client)
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    assert re.search(r"<summary>.*菜单</summary>", menu)
    assert 'aria-label="主导航"' in menu and 'class="site-search"' in menu and 'class="language-switch"' in menu
    # The name stays outside the menu, always visible.
    assert html.index('class="brand"') < html.index('<details class="site-menu">')


def test_the_menu_needs_no_script(client):
    page = client.get("/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # the CSP forbids inline script anyway


def test_the_menu_is_in_the_readers_script(traditional):
    html = header(traditional)
    assert "单</summary>" not in html and "單</summary>" in html  # 菜單 or 選單: the wording is the catalogue's


def test_the_search_page_keeps_one_search_box(client):
    html = header(client, "/search/?q=沟通")
    assert 'class="site-search"' not in html and 'aria-label="主导航"' in html
