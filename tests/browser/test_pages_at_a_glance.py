"""Home, a stage, /progression/, /learning/ and /salaries/ as a job seeker sees them at 375 and 1280 px: the facts
at a glance above the fold on a phone, the primary action big enough, the tracks side by side only on a wide
screen, the salary chart's text at least 10 px as rendered and never clipped. Screenshots go to screenshots/."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "stage": "/progression/stable/",
    "progression": "/progression/",
    "learning": "/learning/",
    "salaries": "/salaries/",
}
MIN_TEXT_PX = 10

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"

# Every text element of the salary chart: its rendered font size (the computed size times any scaling of an
# SVG), and whether it lies outside the chart's box or is cut by its parent.
CHART_TEXT = """() => {
  const chart = document.querySelector('figure.chart').getBoundingClientRect();
  return [...document.querySelectorAll('figure.chart .bar-label, figure.chart .bar-value, figure.chart .bar-today-value, '
      + 'figure.chart .chart-legend, figure.chart text')].map(el => {
    const box = el.getBoundingClientRect();
    const svg = el.closest('svg');
    const scale = svg && el.tagName.toLowerCase() === 'text' ? svg.getScreenCTM().a : 1;
    return {
      text: el.textContent.trim().slice(0, 16),
      px: parseFloat(getComputedStyle(el).fontSize) * scale,
      clipped: box.left < chart.left - 0.5 || box.right > chart.right + 0.5 || el.scrollWidth > el.clientWidth + 1,
    };
  });
}"""


@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_a_phone_and_a_desktop(site, phone, page, shoot, name):
    for width, view in (("375", phone), ("1280", page)):
        view.goto(site + PAGES[name])
        assert view.evaluate(OVERFLOW) <= 0, (name, width)
        shoot(view, f"glance-{name}-{width}")


def test_the_home_page_shows_the_facts_and_the_assessment_on_a_phone(site, phone):
    phone.goto(site + "/")
    glance = phone.locator(".glance")
    for heading in ("这份工作做什么", "收入", "看看自己差在哪里"):
        expect(glance.get_by_role("heading", name=heading)).to_be_visible()
    expect(glance).to_contain_text("2010年6月")
    expect(glance).to_contain_text("资料没有说明每个阶段需要多长时间")
    action = glance.get_by_role("link", name="开始自我评估")
    box = action.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    # The facts, not a wall of detail: the whole glance fits in about three phone screens.
    assert glance.bounding_box()["height"] < 3 * 667
    action.click()
    expect(phone).to_have_url(site + "/assessment/")


def test_a_stage_page_leads_on_and_never_links_to_itself(site, phone):
    phone.goto(site + "/progression/stable/")
    expect(phone.locator("h1")).to_contain_text("稳定期")
    expect(phone.locator('.path-mini [aria-current="page"]')).to_have_text("稳定期")
    assert phone.locator('main a[href$="/progression/stable/"]').count() == 0
    expect(phone.get_by_role("heading", name="下一阶段“晋升期”新增或提高的要求")).to_be_visible()
    phone.get_by_role("link", name="下一阶段：晋升期 →").click()
    expect(phone.locator("h1")).to_contain_text("晋升期")


def test_the_tracks_stand_side_by_side_on_a_desktop_and_stacked_on_a_phone(site, phone, page):
    for view, side_by_side in ((page, True), (phone, False)):
        view.goto(site + "/progression/")
        first, second = (view.locator(".track").nth(i).bounding_box() for i in (0, 1))
        assert (abs(first["y"] - second["y"]) < 1) is side_by_side
        assert (second["y"] >= first["y"] + first["height"]) is not side_by_side


@pytest.mark.parametrize("url", ["/salaries/", "/salaries/beijing/", "/salaries/compare/?cities=beijing,hangzhou"])
def test_the_salary_chart_text_is_legible_and_whole_on_a_phone(site, phone, url):
    phone.goto(site + url)
    texts = phone.evaluate(CHART_TEXT)
    assert texts
    small = [t for t in texts if t["px"] < MIN_TEXT_PX]
    assert not small, small
    assert not [t for t in texts if t["clipped"]]
    assert phone.evaluate(OVERFLOW) <= 0


def test_the_average_line_never_runs_through_a_value(site, phone):
    phone.goto(site + "/salaries/")
    crossings = phone.evaluate("""() => {
      const out = [];
      for (const line of document.querySelectorAll('figure.chart .average-line')) {
        const x = line.getBoundingClientRect().left;
        const row = line.closest('.bar-row');
        for (const value of row.querySelectorAll('.bar-value, .bar-label')) {
          const box = value.getBoundingClientRect();
          if (x >= box.left && x <= box.right) out.push(value.textContent.trim());
        }
      }
      return out;
    }""")
    assert crossings == []
