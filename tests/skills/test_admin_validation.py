"""What the admin refuses, and that it says why in Chinese."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from salaries.models import CitySalary
from skills.models import Citation, Skill, SkillAlias, SkillLevel, Source


@pytest.fixture
def other_skill(skill):
    return Skill.objects.filter(aliases__isnull=False).exclude(pk=skill.pk).first()


def post_change(client, obj, form_data, change_url, **changes):
    data = form_data(client.get(change_url(obj)))
    data.update(changes)
    return client.post(change_url(obj), data)


def errors_of(response):
    assert response.status_code == 200, "the form was accepted"
    # The admin's error list mixes field error lists with the formsets' own messages (plain strings).
    return " ".join(errors if isinstance(errors, str) else " ".join(errors) for errors in response.context["errors"])


def alias_form_prefix(response):
    return next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is SkillAlias
    )


def level_form_prefix(response):
    return next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is SkillLevel
    )


def test_a_skill_cannot_take_the_name_of_another_skill(hr_client, skill, other_skill, form_data, change_url):
    response = post_change(hr_client, skill, form_data, change_url, name=other_skill.name)

    assert "已有技能使用这个名称" in errors_of(response)


def test_a_skill_cannot_take_an_alias_of_another_skill_as_its_name(
    hr_client, skill, other_skill, form_data, change_url
):
    alias = other_skill.aliases.first()

    response = post_change(hr_client, skill, form_data, change_url, name=alias.name)

    assert f"已经是技能「{other_skill.name}」的别名" in errors_of(response)


@pytest.mark.parametrize("taken", ["other_name", "other_alias", "own_name"])
def test_a_new_alias_cannot_repeat_any_skill_name_or_alias(hr_client, skill, other_skill, form_data, change_url, taken):
    name = {"other_name": other_skill.name, "other_alias": other_skill.aliases.first().name, "own_name": skill.name}[
        taken
    ]
    page = hr_client.get(change_url(skill))
    data = form_data(page)
    prefix = alias_form_prefix(page)
    extra = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-{extra - 1}-name"] = name

    response = hr_client.post(change_url(skill), data)

    expected = {
        "other_name": f"已经是技能「{other_skill.name}」的名称",
        "other_alias": "这个别名已被其他技能使用",
        "own_name": "别名不能与技能本身的名称相同",
    }[taken]
    assert expected in errors_of(response)
    assert not SkillAlias.objects.filter(skill=skill, name=name).exists()


def test_two_descriptions_for_one_level_are_refused(hr_client, skill, form_data, change_url):
    page = hr_client.get(change_url(skill))
    data = form_data(page)
    prefix = level_form_prefix(page)
    data[f"{prefix}-1-level"] = data[f"{prefix}-0-level"]

    response = hr_client.post(change_url(skill), data)

    assert "每个掌握程度只能有一条描述" in errors_of(response)


@pytest.mark.parametrize("definition", ["", "   \n  "])
def test_an_empty_definition_is_refused(hr_client, skill, form_data, change_url, definition):
    response = post_change(hr_client, skill, form_data, change_url, definition=definition)

    assert "定义不能为空" in errors_of(response)
    assert Skill.objects.get(pk=skill.pk).definition == skill.definition


def test_a_citation_quote_must_occur_in_its_source(hr_client, skill, form_data, change_url):
    page = hr_client.get(change_url(skill))
    data = form_data(page)
    prefix = next(
        inline.formset.prefix for inline in page.context["inline_admin_formsets"] if inline.formset.model is Citation
    )
    data[f"{prefix}-0-quote"] = "来源里没有这句话"

    response = hr_client.post(change_url(skill), data)

    assert "引文没有原样出现在来源文档" in errors_of(response)


def test_a_quote_copied_from_the_source_is_accepted(hr_client, skill, form_data, change_url):
    page = hr_client.get(change_url(skill))
    data = form_data(page)
    prefix = next(
        inline.formset.prefix for inline in page.context["inline_admin_formsets"] if inline.formset.model is Citation
    )
    source = Source.objects.get(slug="000")
    quote = source.text()[200:230]
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": row + 1,
            f"{prefix}-{row}-source": source.pk,
            f"{prefix}-{row}-quote": quote,
            f"{prefix}-{row}-order": 9,
        }
    )

    response = hr_client.post(change_url(skill), data)

    assert response.status_code == 302
    assert Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Skill), object_id=skill.pk, quote=quote
    ).exists()


@pytest.mark.parametrize("amount", ["0", "-3000"])
def test_salaries_must_be_positive(admin_client, form_data, change_url, amount):
    salary = CitySalary.objects.first()
    data = form_data(admin_client.get(change_url(salary)))
    data["average_monthly"] = amount

    response = admin_client.post(change_url(salary), data)

    assert "月薪必须是正数" in errors_of(response)
    assert CitySalary.objects.get(pk=salary.pk).average_monthly == salary.average_monthly


def test_a_new_skill_gets_a_pinyin_slug_when_left_empty(hr_client, skill):
    response = hr_client.post(
        reverse("admin:skills_skill_add"),
        {
            "name": "投诉处理",
            "slug": "",
            "category": skill.category_id,
            "order": 99,
            "definition": "处理客户投诉。",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "levels-TOTAL_FORMS": 0,
            "levels-INITIAL_FORMS": 0,
            "skills-citation-content_type-object_id-TOTAL_FORMS": 0,
            "skills-citation-content_type-object_id-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302, errors_of(response)
    assert Skill.objects.get(name="投诉处理").slug == "tou-su-chu-li"
