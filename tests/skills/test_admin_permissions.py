import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from salaries.models import CitySalary
from skills.models import Skill, Source

GROUP = "人力资源编辑"


def test_the_hr_editor_group_is_created_by_migration_with_a_chinese_name(db):
    codenames = set(Group.objects.get(name=GROUP).permissions.values_list("codename", flat=True))

    assert {"change_skill", "add_skill", "change_skilllevel", "change_stagerequirement", "add_resource"} <= codenames
    assert {"view_citysalary", "view_source"} <= codenames
    assert not {"change_citysalary", "change_source", "delete_skill"} & codenames
    assert not any(name.endswith(("_user", "_group", "_permission")) for name in codenames)


def test_an_hr_editor_can_change_a_skill(hr_client, skill, change_url, form_data):
    data = form_data(hr_client.get(change_url(skill)))
    data["definition"] = "由 HR 修改后的定义。"

    response = hr_client.post(change_url(skill), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    skill.refresh_from_db()
    assert skill.definition == "由 HR 修改后的定义。"


@pytest.mark.parametrize("name", ["auth_user_changelist", "auth_group_changelist", "auth_user_add"])
def test_an_hr_editor_cannot_open_users_or_groups(hr_client, name):
    assert hr_client.get(reverse(f"admin:{name}")).status_code == 403


def test_an_hr_editor_can_view_but_not_change_salaries_and_sources(hr_client, change_url):
    salary = CitySalary.objects.first()
    source = Source.objects.first()

    page = hr_client.get(change_url(salary))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert hr_client.post(change_url(salary), {"average_monthly": 1}).status_code == 403
    assert hr_client.post(change_url(source), {"title": "改"}).status_code == 403
    salary.refresh_from_db()
    assert salary.average_monthly != 1


def test_an_hr_editor_cannot_delete_a_skill(hr_client, skill):
    response = hr_client.post(reverse("admin:skills_skill_delete", args=[skill.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Skill.objects.filter(pk=skill.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, skill, change_url):
    response = client.get(change_url(skill))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_command_creates_a_staff_account_in_the_group_without_superpowers(hr_editor):
    assert hr_editor.is_staff and not hr_editor.is_superuser
    assert list(hr_editor.groups.values_list("name", flat=True)) == [GROUP]
    assert hr_editor.has_perm("skills.change_skill")
    assert not hr_editor.has_perm("auth.change_user")


def test_the_command_refuses_an_existing_username(hr_editor, make_hr_editor):
    with pytest.raises(CommandError, match="已存在"):
        make_hr_editor(hr_editor.username)


def test_the_command_refuses_a_weak_password_and_creates_nobody(db, monkeypatch, django_user_model):
    monkeypatch.setenv("HR_EDITOR_PASSWORD", "12345678")

    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("create_hr_editor", "weak")
    assert not django_user_model.objects.filter(username="weak").exists()


def test_the_command_asks_for_the_password_when_the_environment_has_none(db, monkeypatch, django_user_model):
    monkeypatch.delenv("HR_EDITOR_PASSWORD", raising=False)
    answers = iter(["Kefu-daohang-2026", "Kefu-daohang-2026"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    call_command("create_hr_editor", "prompted", verbosity=0)

    assert django_user_model.objects.get(username="prompted").check_password("Kefu-daohang-2026")
