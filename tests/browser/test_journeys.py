"""A job seeker's journeys through the site in a real Chromium (run with `make test-browser`)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_reaches_a_skill_from_home_through_the_skills_list(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("售后客服职业导航")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="技能").click()
    expect(page).to_have_url(re.compile(r"/skills/$"))
    page.get_by_role("link", name="沟通能力", exact=True).click()
    expect(page).to_have_url(re.compile(r"/skills/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("沟通能力")
    expect(page.get_by_role("heading", name="掌握程度")).to_be_visible()


def test_a_search_typed_in_traditional_finds_the_simplified_skill(page, site):
    page.goto(site + "/")
    page.get_by_label("搜索技能、阶段、学习资源和城市").fill("溝通")
    page.get_by_label("搜索技能、阶段、学习资源和城市").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    page.get_by_role("link", name="沟通能力", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("沟通能力")


def salary_column(page):
    return page.locator(".salary-table tbody tr").evaluate_all("rows => rows.map(row => Number(row.dataset.salary))")


def city_column(page):
    return page.locator(".salary-table tbody tr").evaluate_all("rows => rows.map(row => row.dataset.name)")


def test_the_salary_table_sorts_by_name_and_salary(page, site):
    page.goto(site + "/salaries/")
    salaries = salary_column(page)
    assert len(salaries) == 36
    assert salaries == sorted(salaries, reverse=True)

    table = page.locator(".salary-table")
    table.get_by_role("button", name="城市").click()
    expect(table.locator("th[data-sort-key=name]")).to_have_attribute("aria-sort", "ascending")
    assert city_column(page) == sorted(city_column(page))

    table.get_by_role("button", name="平均月薪").click()
    expect(table.locator("th[data-sort-key=salary]")).to_have_attribute("aria-sort", "descending")
    table.get_by_role("button", name="平均月薪").click()
    expect(table.locator("th[data-sort-key=salary]")).to_have_attribute("aria-sort", "ascending")
    assert salary_column(page) == sorted(salaries)


def test_the_salary_table_sorts_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/salaries/?region=east")
    page.locator(".salary-table").get_by_role("link", name="平均月薪").click()
    expect(page).to_have_url(re.compile(r"sort=salary"))
    expect(page).to_have_url(re.compile(r"region=east"))
    salaries = salary_column(page)
    assert salaries == sorted(salaries) and 0 < len(salaries) < 36
    context.close()


def test_the_reader_switches_to_traditional_and_back_and_the_choice_persists(page, site):
    page.goto(site + "/progression/")
    expect(page.get_by_role("heading", level=1)).to_have_text("发展路径")
    page.get_by_role("button", name="繁體").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("發展路徑")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.get_by_role("button", name="繁體")).to_have_attribute("aria-current", "true")

    page.get_by_role("navigation", name="主導航").get_by_role("link", name="技能").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("技能")
    expect(page.get_by_role("link", name="溝通能力", exact=True)).to_be_visible()

    page.get_by_role("button", name="简体").click()
    expect(page.get_by_role("link", name="沟通能力", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")


def test_the_skip_link_is_the_first_stop_for_keyboard_users(page, site):
    page.goto(site + "/skills/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()


PAGES = {"home": "/", "skill": "/skills/communication/", "progression": "/progression/", "salaries": "/salaries/"}


@pytest.mark.parametrize("name", PAGES)
def test_screenshots_at_desktop_and_phone_width(page, phone, site, shoot, name):
    for width, tab in (("desktop", page), ("phone", phone)):
        tab.goto(site + PAGES[name])
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        # Nothing may force the phone layout wider than the screen.
        assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
        shoot(tab, f"{name}-{width}")
