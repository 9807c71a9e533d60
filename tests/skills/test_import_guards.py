"""The import refuses what the edit form refuses: a missing version, a field its model would not accept."""

import pytest

from skills.models import SkillAlias, SkillLevel
from tests.skills.test_admin_import_export import export, replace, row_of, snapshot, upload


def refused(preview, slug_row, heading):
    assert "confirm_form" not in preview.context
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == slug_row + 1
    assert heading in invalid.field_specific_errors
    return " ".join(invalid.field_specific_errors[heading])


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_existing_skill_without_its_version_is_refused(hr_client, skill, extension):
    dataset = export(hr_client, extension)
    index = row_of(dataset, skill.slug)
    replace(dataset, index, 定义="没有版本号的修改。", 版本="")
    before = snapshot()

    message = refused(upload(hr_client, dataset, extension), index, "版本")

    assert "不能为空" in message
    assert snapshot() == before


def test_a_file_without_the_version_column_changes_no_existing_skill(hr_client, skill):
    dataset = export(hr_client, "csv")
    index = row_of(dataset, skill.slug)
    replace(dataset, index, 定义="删掉版本列后的修改。")
    del dataset["版本"]

    preview = upload(hr_client, dataset, "csv")

    assert "confirm_form" not in preview.context
    invalid = preview.context["result"].invalid_rows
    assert index + 1 in [row.number for row in invalid]
    assert all("版本" in row.field_specific_errors for row in invalid)
    skill.refresh_from_db()
    assert skill.definition != "删掉版本列后的修改。"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("别名", "长" * 200, "50"),
        ("别名", "带\x00空字符", "控制字符"),
        ("精通", "带\x00空字符的描述", "控制字符"),
        ("定义", "带\x07响铃字符的定义", "控制字符"),
    ],
)
def test_aliases_and_levels_are_validated_by_their_model_fields_per_cell(hr_client, skill, column, value, expected):
    dataset = export(hr_client, "csv")
    index = row_of(dataset, skill.slug)
    replace(dataset, index, **{column: value})
    before = snapshot()

    message = refused(upload(hr_client, dataset, "csv"), index, column)

    assert expected in message
    assert snapshot() == before
    stored = [
        *SkillAlias.objects.values_list("name", flat=True),
        *SkillLevel.objects.values_list("description", flat=True),
    ]
    assert [text for text in stored if "\x00" in text] == []
