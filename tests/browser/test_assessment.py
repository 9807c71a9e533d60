"""A job seeker fills the assessment on a phone in a real Chromium (run with `make test-browser`)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def rate(page, skill, level):
    page.locator(f'fieldset[data-skill="{skill}"] label').filter(has_text=re.compile(f"^{level}$")).click()


def test_a_phone_user_rates_themself_and_sees_the_gaps_with_their_resources(phone, site, shoot):
    page = phone
    page.goto(site + "/assessment/")
    expect(page.get_by_role("heading", level=1)).to_have_text("自我评估")
    page.get_by_text("稳定期(基层或普通岗位阶段)").click()
    page.get_by_text("管理线", exact=True).click()
    page.get_by_label("城市(可选)").select_option(label="广州")
    rate(page, "problem-solving", "熟练")
    rate(page, "communication", "入门")
    # The four choices of a skill fit side by side on a 375 px screen.
    boxes = [option.bounding_box() for option in page.locator('fieldset[data-skill="communication"] label').all()]
    assert len({round(box["y"]) for box in boxes}) == 1
    assert max(box["x"] + box["width"] for box in boxes) <= 375
    page.get_by_role("button", name="查看我的差距和提升计划").click()

    expect(page).to_have_url(re.compile(r"/assessment/result/\?.*skill-communication=1"))
    expect(page.locator("#result-summary")).to_have_text("共 4 项技能要求:已达到 1 项,部分达到 1 项,尚未掌握 2 项。")
    gaps = page.locator(".gap-list > li")
    expect(gaps).to_have_count(3)
    communication = page.locator("#gap-communication")
    expect(communication).to_contain_text("现在:入门 → 目标:熟练(差 1 档)")
    expect(communication.locator(".gap-resources")).to_contain_text("沟通的艺术")
    expect(communication).to_contain_text("积极参与客户服务案例分析,向资深同事请教。")
    expect(page.locator("#met-problem-solving")).to_be_visible()
    expect(page.locator("svg.gap-svg")).to_be_visible()
    expect(page.locator("#salary")).to_contain_text("广州的平均月薪为")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(page, "assessment-result-phone")

    # Back to the form: every answer is still there.
    page.get_by_role("link", name="修改答案").click()
    expect(page.locator('fieldset[data-skill="communication"] input[value="1"]')).to_be_checked()
    expect(page.get_by_label("城市(可选)")).to_have_value("guangzhou")


def test_a_truncated_link_brings_the_form_back_with_a_message(phone, site):
    page = phone
    page.goto(site + "/assessment/result/?stage=promotion&track=management&skill-product-knowledge=2")
    expect(page.get_by_role("alert")).to_contain_text("链接可能不完整")
    expect(page.locator('fieldset[data-skill="product-knowledge"] input[value="2"]')).to_be_checked()
    expect(page.get_by_text("晋升期(高级或资深岗位阶段)")).to_be_visible()
