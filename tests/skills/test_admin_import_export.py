"""Skills with their levels out to CSV/XLSX and back in through the admin; a bad file changes nothing."""

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from skills.models import Skill, SkillAlias, SkillLevel

EXPORT_URL = reverse("admin:skills_skill_export")
IMPORT_URL = reverse("admin:skills_skill_import")
PROCESS_URL = reverse("admin:skills_skill_process_import")
CONTENT_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def format_index(form, extension):
    return next(value for value, label in form.fields["format"].choices if label.lower() == extension)


def export(client, extension):
    form = client.get(EXPORT_URL).context["form"]
    data = {"format": format_index(form, extension), "resource": 0}
    data.update({name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")})
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(CONTENT_TYPES[extension])
    return tablib.Dataset().load(
        response.content if extension == "xlsx" else response.content.decode("utf-8-sig"), format=extension
    )


def upload(client, dataset, extension):
    """The preview step: returns the response that lists the result (and the confirm form if all is well)."""
    content = dataset.export(extension)
    content = content if isinstance(content, bytes) else content.encode("utf-8")
    form = client.get(IMPORT_URL).context["form"]
    return client.post(
        IMPORT_URL,
        {
            "resource": 0,
            "format": format_index(form, extension),
            "import_file": SimpleUploadedFile(f"skills.{extension}", content, content_type=CONTENT_TYPES[extension]),
        },
    )


def confirm(client, preview):
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors() and not preview.context["result"].has_validation_errors()
    form = preview.context["confirm_form"]
    return client.post(PROCESS_URL, {name: form[name].value() for name in form.fields})


def snapshot():
    return (
        list(Skill.objects.order_by("pk").values_list("slug", "name", "definition", "category_id", "version")),
        list(SkillLevel.objects.order_by("pk").values_list("skill_id", "level", "description")),
        list(SkillAlias.objects.order_by("pk").values_list("skill_id", "name")),
    )


def row_of(dataset, slug):
    return next(i for i, row in enumerate(dataset.dict) if row["标识"] == slug)


def replace(dataset, index, **changes):
    row = dict(dataset.dict[index])
    row.update(changes)
    dataset[index] = tuple(row[header] for header in dataset.headers)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_export_holds_every_skill_with_aliases_and_levels(hr_client, skill, extension):
    dataset = export(hr_client, extension)

    assert dataset.headers[:3] == ["标识", "名称", "类别"]
    assert {"别名", "入门", "熟练", "精通"} <= set(dataset.headers)
    assert len(dataset) == Skill.objects.count()
    row = dataset.dict[row_of(dataset, skill.slug)]
    assert row["名称"] == skill.name and row["类别"] == skill.category.name
    assert row["熟练"] == skill.levels.get(level=2).description
    assert row["别名"].split("、") == [alias.name for alias in skill.aliases.all()]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_unchanged_export_imports_back_without_changing_any_content(hr_client, extension):
    before = snapshot()

    response = confirm(hr_client, upload(hr_client, export(hr_client, extension), extension))

    assert response.status_code == 302
    after = snapshot()
    assert [row[:4] for row in after[0]] == [row[:4] for row in before[0]]
    assert after[1:] == before[1:]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_edited_file_updates_definitions_levels_and_aliases_and_adds_skills(hr_client, skill, extension):
    dataset = export(hr_client, extension)
    replace(
        dataset,
        row_of(dataset, skill.slug),
        定义="导入后的定义。",
        熟练="导入后的熟练描述。",
        精通="",
        别名="导入别名甲、导入别名乙",
    )
    dataset.append(
        tuple(
            {
                "标识": "",
                "名称": "投诉处理",
                "类别": skill.category.name,
                "排序": "50",
                "定义": "处理客户投诉。",
                "入门": "能按流程登记投诉",
            }.get(h, "")
            for h in dataset.headers
        )
    )

    assert confirm(hr_client, upload(hr_client, dataset, extension)).status_code == 302

    skill.refresh_from_db()
    assert skill.definition == "导入后的定义。"
    assert dict(skill.levels.values_list("level", "description"))[2] == "导入后的熟练描述。"
    assert not skill.levels.filter(level=3).exists()
    assert list(skill.aliases.values_list("name", flat=True)) == ["导入别名甲", "导入别名乙"]
    new = Skill.objects.get(name="投诉处理")
    assert new.slug == "tou-su-chu-li"
    assert list(new.levels.values_list("level", "description")) == [(1, "能按流程登记投诉")]


def test_a_file_with_errors_lists_every_bad_row_and_changes_nothing(hr_client, skill):
    dataset = export(hr_client, "csv")
    other = Skill.objects.exclude(pk=skill.pk).filter(aliases__isnull=False).first()
    bad_rows = {
        row_of(dataset, skill.slug): {"定义": "  "},
        row_of(dataset, other.slug): {"类别": "不存在的类别"},
        len(dataset) - 1: {"别名": skill.name},
    }
    good = next(i for i in range(len(dataset)) if i not in bad_rows)
    replace(dataset, good, 定义="这一行本身没有错。")
    for index, changes in bad_rows.items():
        replace(dataset, index, **changes)
    before = snapshot()

    preview = upload(hr_client, dataset, "csv")

    result = preview.context["result"]
    assert "confirm_form" not in preview.context
    assert sorted(row.number for row in result.invalid_rows) == sorted(i + 1 for i in bad_rows)
    assert {tuple(row.field_specific_errors) for row in result.invalid_rows} == {("定义",), ("类别",), ("别名",)}
    page = preview.content.decode()
    for message in ("此字段不能为空", "没有名为「不存在的类别」的技能类别", f"已经是技能「{skill.name}」的名称"):
        assert message in page
    assert snapshot() == before


def test_an_old_export_cannot_overwrite_a_colleagues_later_edit(hr_client, skill):
    dataset = export(hr_client, "csv")
    replace(dataset, row_of(dataset, skill.slug), 定义="根据旧导出修改的定义。")
    # After the export, a colleague saves the skill in the admin (which moves its version on).
    Skill.objects.filter(pk=skill.pk).update(definition="同事后来保存的定义。", version=skill.version + 1)
    before = snapshot()

    preview = upload(hr_client, dataset, "csv")

    assert "confirm_form" not in preview.context
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == row_of(dataset, skill.slug) + 1 and "版本" in invalid.field_specific_errors
    assert "这项技能在导出后已被修改" in preview.content.decode()
    assert snapshot() == before


def test_a_confirmed_import_that_has_become_invalid_is_rolled_back(hr_client, skill):
    dataset = export(hr_client, "csv")
    replace(dataset, 0, 定义="先导入的一行。")
    replace(dataset, 1, 别名="后来冲突的别名")
    preview = upload(hr_client, dataset, "csv")
    # Between preview and confirmation a colleague adds a skill named like the alias the file wants.
    Skill.objects.create(name="后来冲突的别名", slug="conflict", category=skill.category, definition="同事新增。")
    before = snapshot()

    response = confirm(hr_client, preview)

    assert response.status_code == 302
    assert snapshot() == before
    messages = [str(m) for m in hr_client.get(response["Location"]).context["messages"]]
    assert any("所有修改均未保存" in m for m in messages)


def test_a_view_only_user_can_export_but_not_import(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_skill"))
    client.force_login(viewer)

    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 200
