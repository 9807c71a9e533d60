"""Every edit of a skill and its levels is recorded, shown in the admin, and can be reverted."""

from django.urls import reverse

from skills.models import SkillLevel


def edit(client, skill, form_data, change_url, **changes):
    data = form_data(client.get(change_url(skill)))
    data.update(changes)
    response = client.post(change_url(skill), data)
    assert response.status_code == 302
    return response


def level_field(client, skill, change_url, level):
    page = client.get(change_url(skill))
    inline = next(i for i in page.context["inline_admin_formsets"] if i.formset.model is SkillLevel)
    index = next(n for n, form in enumerate(inline.formset.forms) if form.instance.level == level)
    return f"{inline.formset.prefix}-{index}-description"


def test_an_edit_records_who_changed_what(hr_client, hr_editor, skill, form_data, change_url):
    old = skill.definition
    edit(hr_client, skill, form_data, change_url, definition="新的定义。")

    record = skill.history.latest()
    assert record.history_user == hr_editor
    assert record.history_type == "~"
    change = next(c for c in record.diff_against(record.prev_record).changes if c.field == "definition")
    assert (change.old, change.new) == (old, "新的定义。")


def test_the_history_page_shows_skill_and_level_changes(hr_client, hr_editor, skill, form_data, change_url):
    data = {level_field(hr_client, skill, change_url, 2): "能独立处理大部分咨询(修改后)"}
    edit(hr_client, skill, form_data, change_url, definition="新的定义。", **data)

    page = hr_client.get(reverse("admin:skills_skill_history", args=[skill.pk])).content.decode()

    assert "新的定义。" in page
    assert "能独立处理大部分咨询(修改后)" in page
    assert "掌握程度与别名的修改记录" in page
    assert hr_editor.username in page


def test_a_skill_can_be_reverted_to_an_earlier_version(hr_client, skill, form_data, change_url):
    original = skill.definition
    edit(hr_client, skill, form_data, change_url, definition="第一次修改。")
    edit(hr_client, skill, form_data, change_url, definition="第二次修改。")
    target = skill.history.filter(definition=original).latest()

    revert_url = reverse("admin:skills_skill_simple_history", args=[skill.pk, target.history_id])
    response = hr_client.post(revert_url, form_data(hr_client.get(revert_url)))

    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.definition == original
    assert skill.history.latest().definition == original


def test_reverting_moves_the_version_forward_so_open_forms_become_stale(hr_client, skill, form_data, change_url):
    edit(hr_client, skill, form_data, change_url, definition="第一次修改。")
    open_form = form_data(hr_client.get(change_url(skill)))
    target = skill.history.exclude(definition="第一次修改。").latest()
    revert_url = reverse("admin:skills_skill_simple_history", args=[skill.pk, target.history_id])
    hr_client.post(revert_url, form_data(hr_client.get(revert_url)))

    open_form["definition"] = "基于旧页面的修改。"
    response = hr_client.post(change_url(skill), open_form)

    assert response.status_code == 200
    skill.refresh_from_db()
    assert skill.definition != "基于旧页面的修改。"


def test_a_level_can_be_reverted_from_the_skill_history(hr_client, skill, form_data, change_url):
    level = skill.levels.get(level=2)
    original = level.description
    edit(hr_client, skill, form_data, change_url, **{level_field(hr_client, skill, change_url, 2): "改坏了的描述"})
    target = level.history.filter(description=original).latest()

    revert_url = reverse("admin:skills_skilllevel_simple_history", args=[level.pk, target.history_id])
    assert revert_url in hr_client.get(reverse("admin:skills_skill_history", args=[skill.pk])).content.decode()
    response = hr_client.post(revert_url, form_data(hr_client.get(revert_url)))

    assert response.status_code == 302
    level.refresh_from_db()
    assert level.description == original
