"""An HR editor changes a skill's definition in the admin and finds it on the public page at once."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.chinese import fullwidth
from skills.models import Skill

pytestmark = pytest.mark.browser

PASSWORD = "Kefu-daohang-2026"
NEW_DEFINITION = "浏览器测试:HR 编辑刚刚改写的定义。"


@pytest.fixture
def hr_editor(site, monkeypatch):
    monkeypatch.setenv("HR_EDITOR_PASSWORD", PASSWORD)
    call_command("create_hr_editor", "hr-browser", verbosity=0)
    return "hr-browser"


def test_an_hr_editor_changes_a_definition_and_sees_it_on_the_public_page(page, browser, site, hr_editor, shoot):
    skill = Skill.objects.get(name="沟通能力")
    public_url = f"{site}{skill.get_absolute_url()}"
    # A reader has the page already, so a stale cached copy would show if the edit did not reach it.
    page.goto(public_url)
    expect(page.get_by_text(skill.definition.splitlines()[0][:20])).to_be_visible()

    page.goto(site + "/admin/")
    page.get_by_label("用户名").fill(hr_editor)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.locator("tr.model-skill").get_by_role("link", name="技能", exact=True).click()
    page.locator("#searchbar").fill("沟通能力")
    page.locator("#searchbar").press("Enter")
    page.locator("#result_list").get_by_role("link", name="沟通能力", exact=True).click()
    page.get_by_label("定义").fill(NEW_DEFINITION)
    shoot(page, "admin-skill-edit")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("沟通能力")

    with page.expect_popup() as popup:
        row = page.locator("#result_list tr").filter(has=page.get_by_role("link", name="沟通能力", exact=True))
        row.get_by_role("link", name="查看").click()
    editor_view = popup.value
    expect(editor_view.get_by_role("heading", level=1)).to_have_text("沟通能力")
    expect(editor_view.get_by_text(fullwidth(NEW_DEFINITION))).to_be_visible()  # as pages show it
    shoot(editor_view, "admin-skill-edit-public-page")

    reader = browser.new_context(locale="zh-CN").new_page()
    reader.goto(public_url)
    expect(reader.get_by_text(fullwidth(NEW_DEFINITION))).to_be_visible()
    reader.context.close()
