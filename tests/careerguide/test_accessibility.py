"""Structure a screen reader or keyboard user relies on: one h1, headings in order, every control labelled."""

import re

import pytest

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

PAGES = [
    "/",
    "/skills/",
    "/skills/product-knowledge/",
    "/progression/",
    "/progression/stable/",
    "/learning/",
    "/salaries/",
    "/salaries/beijing/",
    "/salaries/compare/?cities=beijing,shanghai",
    "/salaries/compare/",
    "/search/?q=沟通",
    "/search/",
    "/sources/",
    "/no-such-page/",
]


@pytest.fixture(params=PAGES)
def page(request, client):
    return client.get(request.param).content.decode()


def test_there_is_one_h1_and_no_heading_level_is_skipped(page):
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_every_form_control_has_a_label(page):
    labelled = set(re.findall(r'<label[^>]* for="([^"]+)"', page))
    for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
        if 'type="hidden"' in control or 'type="submit"' in control:
            continue
        control_id = re.search(r'id="([^"]+)"', control)
        wrapped = re.search(r"<label>\s*" + re.escape(control), page)
        assert wrapped or (control_id and control_id.group(1) in labelled), control


def test_there_is_a_skip_link_to_the_main_content(page):
    assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
