"""Every page on a 375 px phone: nothing scrolls sideways, every control is big enough to hit, the header is compact;
and search in everyday words, as a job seeker types it. Screenshots go to screenshots/ (look at them).

Tap targets follow WCAG 2.5.8 (24 × 24 CSS px). Its exemption for a link inside running text applies only to links
the style sheet leaves inline inside a sentence (`display: inline` with other text around it); every other link,
button, field and summary is measured. A checkbox or radio counts with its label, which is part of its target.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver
from playwright.sync_api import expect

from progression.models import Stage
from salaries.models import City
from skills.models import Skill, Source

in_browser = pytest.mark.browser
PHONE_WIDTH = 375
MIN_TARGET, PRIMARY_TARGET = 24, 44
# Not pages a job seeker reads: the admin and the API have their own tests; the rest answer no HTML page.
NOT_READER_PAGES = {"set_language", "healthz", "favicon"}

MEASURE = """(min) => {
  const tooSmall = [];
  const size = el => el.getBoundingClientRect();
  const inSentence = el => getComputedStyle(el).display === 'inline'
      && (el.closest('p, li, dd, td')?.textContent.trim().length || 0) > el.textContent.trim().length;
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    let box = size(el);
    if (box.width === 0 && box.height === 0) continue;  // not rendered (a closed menu)
    if (el.closest('.visually-hidden')) continue;
    if (el.tagName === 'A' && inSentence(el)) continue;
    const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
    if (label && ['checkbox', 'radio'].includes(el.type)) {
      const outer = size(label);
      if (outer.width * outer.height > box.width * box.height) box = outer;
    }
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      tooSmall.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.name).trim().slice(0, 24)}" `
        + `${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    }
  }
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    header: document.querySelector('.site-header')?.getBoundingClientRect().height || 0,
    tooSmall,
  };
}"""


def reader_url_names():
    """Every URL name of the conf outside the admin and the API, namespaced as reverse() wants it."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not str(pattern.pattern).startswith(("admin/", "api/")):
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names - NOT_READER_PAGES


def reader_pages():
    """{URL name: [paths]} with real slugs: a skill with levels and one without, every stage, two cities."""
    with_levels = Skill.objects.filter(levels__isnull=False).distinct().order_by("pk").first()
    without = Skill.objects.filter(levels__isnull=True).order_by("pk").first()
    longest_city = max(City.objects.all(), key=lambda city: len(city.name))
    return {
        "home": ["/"],
        "skills:list": ["/skills/", "/skills/?category=technical"],
        "skills:detail": [f"/skills/{with_levels.slug}/", f"/skills/{without.slug}/"],
        "progression:index": ["/progression/"],
        "progression:stage": [f"/progression/{stage.slug}/" for stage in Stage.objects.all()],
        "learning": ["/learning/"],
        "salaries:index": ["/salaries/", "/salaries/?region=east&sort=name"],
        "salaries:compare": ["/salaries/compare/", f"/salaries/compare/?cities=beijing,{longest_city.slug}"],
        "salaries:city": ["/salaries/beijing/", f"/salaries/{longest_city.slug}/"],
        "assessment:form": ["/assessment/"],
        "assessment:result": [],  # reached by submitting the form, below
        "search": ["/search/", "/search/?q=工资", "/search/?q=书", "/search/?q=的", "/search/?q=龘"],
        "sources": ["/sources/"],
        "source": [f"/sources/{source.slug}/" for source in Source.objects.all()],
        "salaries:method": ["/salaries/method/"],
    }


def test_the_phone_check_covers_every_page_of_the_url_conf(db):
    assert set(reader_pages()) == reader_url_names()


def check(page, where):
    found = page.evaluate(MEASURE, MIN_TARGET)
    assert found["scrollWidth"] <= found["innerWidth"] == PHONE_WIDTH, f"{where} scrolls sideways: {found}"
    assert found["tooSmall"] == [], f"{where}: controls smaller than {MIN_TARGET} px: {found['tooSmall']}"
    assert 0 < found["header"] <= 72, f"{where}: the header takes {found['header']} px"


@in_browser
def test_no_page_scrolls_sideways_and_every_control_can_be_hit_on_a_phone(phone, site):
    for paths in reader_pages().values():
        for path in paths:
            response = phone.goto(site + path)
            assert response.status == 200, path
            check(phone, path)
    # The assessment's result, as a reader reaches it: the form submitted with its first choices.
    phone.goto(site + "/assessment/")
    with phone.expect_navigation():
        phone.evaluate("""() => {
          const form = document.querySelector('main form');
          const groups = new Set([...form.querySelectorAll('input[type=radio]')].map(input => input.name));
          groups.forEach(name => form.querySelector(`input[type=radio][name="${name}"]`).checked = true);
          form.requestSubmit();
        }""")
    check(phone, phone.url)
    # A page that does not exist still has the site around it.
    assert phone.goto(site + "/no-such-page/").status == 404
    check(phone, "404")


@in_browser
def test_the_phone_header_is_one_row_and_its_menu_opens_without_script(browser, site, shoot):
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 667}, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(site + "/progression/")
    navigation = page.get_by_role("navigation", name="主导航")
    expect(navigation).to_be_hidden()
    summary = page.locator(".site-menu > summary")
    assert summary.bounding_box()["height"] >= PRIMARY_TARGET
    summary.click()
    expect(navigation).to_be_visible()
    for control in [*navigation.get_by_role("link").all(), *page.locator(".site-header button").all()]:
        box = control.bounding_box()
        assert box["height"] >= PRIMARY_TARGET and box["width"] >= PRIMARY_TARGET, control.text_content()
    check(page, "the open menu")
    shoot(page, "phone-menu-open")
    navigation.get_by_role("link", name="学习资源").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("学习资源")
    context.close()


@in_browser
def test_on_a_desktop_the_navigation_and_search_are_always_shown(page, site, shoot):
    page.goto(site + "/")
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    expect(page.get_by_label("搜索技能、阶段、学习资源和城市")).to_be_visible()
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    shoot(page, "desktop-home")


@in_browser
def test_the_favicon_is_served(page, site):
    response = page.goto(site + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    page.goto(site + "/")
    assert page.locator('link[rel="icon"]').get_attribute("href").endswith("favicon.svg")


def phone_search(page, site, words):
    page.goto(site + "/")
    page.locator(".site-menu > summary").click()
    page.get_by_label("搜索技能、阶段、学习资源和城市").fill(words)
    page.get_by_label("搜索技能、阶段、学习资源和城市").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))


@in_browser
def test_a_job_seeker_searches_pay_in_everyday_words_on_a_phone(phone, site, shoot):
    phone_search(phone, site, "工资")
    topics = phone.locator("section.topic-links")
    expect(topics.get_by_role("link", name="各城市入职平均月薪")).to_be_visible()
    expect(phone.locator("main mark").first).to_have_text(re.compile("收入|月薪|薪酬|待遇"))
    check(phone, "search 工资")
    shoot(phone, "phone-search-pay")
    topics.get_by_role("link", name="各城市入职平均月薪").click()
    expect(phone).to_have_url(re.compile(r"/salaries/$"))


@in_browser
def test_one_character_finds_the_books_and_traditional_input_finds_simplified_content(phone, site, shoot):
    phone_search(phone, site, "书")
    for book in ["客户服务管理", "沟通的艺术"]:
        expect(phone.get_by_role("link", name=book)).to_be_visible()
    phone_search(phone, site, "溝通")
    link = phone.get_by_role("link", name="沟通能力", exact=True)
    expect(link).to_be_visible()
    expect(link.locator("mark")).to_have_text("沟通")
    shoot(phone, "phone-search-traditional")


@in_browser
def test_a_search_that_finds_nothing_offers_words_and_sections(phone, site, shoot):
    phone_search(phone, site, "龘")
    expect(phone.get_by_role("heading", name="没有找到包含“龘”的内容")).to_be_visible()
    check(phone, "search 龘")
    shoot(phone, "phone-search-nothing")
    phone.locator(".no-results").get_by_role("link", name="证书", exact=True).click()
    expect(phone.locator("section.topic-links").get_by_role("link", name="职位认证（从业资格）")).to_be_visible()


@in_browser
def test_typed_markup_is_shown_as_text_not_run(page, site):
    page.goto(site + "/search/?q=" + "<img src=x onerror=alert(1)>")
    expect(page.locator("#search-q")).to_have_value("<img src=x onerror=alert(1)>")
    assert page.locator("main img").count() == 0


@in_browser
def test_search_results_at_desktop_width(page, site, shoot):
    page.goto(site + "/search/?q=主管")
    expect(page.locator("section.topic-links").get_by_role("link", name="管理线与专业线")).to_be_visible()
    shoot(page, "desktop-search-progression")
