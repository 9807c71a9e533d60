"""A job seeker takes the stage-first assessment on a phone in a real Chromium (run with `make test-browser`)."""

import re

import pytest
from playwright.sync_api import expect

from core.chinese import fullwidth
from progression.models import Stage, StageRequirement
from skills.models import Skill
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def rate(page, skill, level):
    page.locator(f'fieldset[data-skill="{skill}"] label').filter(has_text=re.compile(f"^{level}")).click()


def chart_text_sizes(page):
    """Rendered font sizes (px) of the gap chart's text, and whether any label starts left of the chart."""
    return page.evaluate("""() => {
      const svg = document.querySelector('svg.gap-svg');
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')];
      return {
        sizes: texts.map(t => t.getBoundingClientRect().height > 0 ?
          parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width : 99),
        clipped: texts.filter(t => { const r = t.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).map(t => t.textContent),
      };
    }""")


def test_a_phone_user_chooses_a_goal_rates_what_it_needs_in_steps_and_sees_the_plan(phone, site, shoot):
    page = phone
    page.goto(site + "/assessment/")
    expect(page.get_by_role("heading", level=1)).to_have_text("自我评估")
    expect(page.locator('input[name^="skill-"]')).to_have_count(0)
    page.get_by_text(fullwidth("稳定期(基层或普通岗位阶段)")).click()
    page.get_by_text("管理线", exact=True).click()
    page.get_by_label(fullwidth("城市(可选)")).select_option(label="广州")
    shoot(page, "assessment-goal-phone")
    page.get_by_role("button", name=re.compile("下一步")).click()

    progress = page.locator("#step-progress")
    expect(progress).to_contain_text(re.compile(r"第 2 步，共 \d 步"))
    expect(progress).to_contain_text("已评 0/")
    # 产品知识 has level texts from the source, inline; 沟通能力 has none, and the page says so.
    expect(page.locator('fieldset[data-skill="product-knowledge"]')).to_contain_text("了解基本信息")
    expect(page.locator('fieldset[data-skill="communication"]')).to_contain_text("来源没有说明这项技能各程度的含义")
    expect(page.locator('input[name^="skill-"]:checked')).to_have_count(0)
    rate(page, "problem-solving", "熟练")
    rate(page, "communication", "入门")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(page, "assessment-step-phone")
    page.get_by_role("button", name="下一步").click()
    expect(progress).to_contain_text("已评 2/")
    page.get_by_role("button", name="上一步").click()
    expect(page.locator('fieldset[data-skill="communication"] input[value="1"]')).to_be_checked()
    page.get_by_role("button", name="下一步").click()
    page.get_by_role("button", name="查看我的差距和提升计划").click()

    expect(page).to_have_url(re.compile(r"/assessment/result/\?.*skill-communication=1"))
    summary = page.locator("#result-summary")
    expect(summary).to_contain_text("已达到 1 项")
    expect(summary).to_contain_text("未评")
    expect(page.locator("#unrated")).to_contain_text("产品知识")
    communication = page.locator("#gap-communication")
    expect(communication).to_contain_text(fullwidth("现在:入门 → 目标:熟练(差 1 档)"))
    expect(page.locator("#met-problem-solving")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("固定链接"))).to_have_attribute("href", re.compile(r"[?&]v="))
    chart = chart_text_sizes(page)
    assert min(chart["sizes"]) >= 10, chart["sizes"]
    assert chart["clipped"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(page, "assessment-result-phone")
    page.emulate_media(media="print")
    shoot(page, "assessment-result-print")


@pytest.mark.parametrize(("width", "name"), [(375, "phone"), (1280, "desktop")])
def test_a_long_skill_name_is_never_clipped_in_the_chart(browser, site, width, name):
    # An HR edit that asks 稳定期 for the skill with the longest name puts it in the chart.
    StageRequirement.objects.create(
        stage=Stage.objects.get(slug="stable"), skill=Skill.objects.get(slug="service-system"), level=None
    )
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    query = "stage=stable&track=professional&skill-service-system=1&skill-communication=2"
    page.goto(site + "/assessment/result/?" + query)
    labels = page.locator("svg.gap-svg .bar-label").all_text_contents()
    assert "使用客服系统的能力" in labels
    chart = chart_text_sizes(page)
    assert chart["clipped"] == []
    assert min(chart["sizes"]) >= 10, chart["sizes"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("svg.gap-svg").screenshot(path=SCREENSHOTS / f"assessment-chart-{name}.png")
    page.emulate_media(media="print")
    page.locator("svg.gap-svg").screenshot(path=SCREENSHOTS / f"assessment-chart-{name}-print.png")
    context.close()


def test_the_full_form_stays_one_link_away(phone, site):
    page = phone
    page.goto(site + "/assessment/?stage=promotion&track=management")
    page.get_by_role("link", name=re.compile("打开完整评估表")).click()
    expect(page.locator('fieldset[data-skill="integrity"]')).to_be_visible()
    expect(page.locator('input[name^="skill-"]:checked')).to_have_count(0)
