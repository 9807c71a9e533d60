"""An export imports back unchanged, whatever the text holds; no export carries a cell a spreadsheet would run."""

import csv
import io

import openpyxl
import pytest

from core.spreadsheet import escape_formula, unescape_formula
from skills.models import Skill, SkillLevel
from tests.skills.test_admin_import_export import (
    EXPORT_URL,
    confirm,
    export,
    format_index,
    replace,
    row_of,
    snapshot,
    upload,
)

FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"]


@pytest.fixture
def formula_skill(skill):
    """A skill whose texts start the way a spreadsheet formula starts."""
    Skill.objects.filter(pk=skill.pk).update(definition=FORMULAS[0], scenario=FORMULAS[2])
    SkillLevel.objects.filter(skill=skill, level=3).update(description=FORMULAS[1])
    SkillLevel.objects.filter(skill=skill, level=2).update(description="'=已经带撇号的文字")
    return skill


def raw_export(client, extension):
    form = client.get(EXPORT_URL).context["form"]
    data = {"format": format_index(form, extension), "resource": 0}
    data.update({name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")})
    return client.post(EXPORT_URL, data).content


@pytest.mark.parametrize(
    "value", [*FORMULAS, "\t制表符开头", "\r回车开头", "'=x", "''+x", "'普通撇号", "普通文字", "", None, 5, -5]
)
def test_unescaping_gives_back_exactly_what_was_escaped(value):
    escaped = escape_formula(value)
    assert unescape_formula(escaped) == value
    assert not (isinstance(escaped, str) and escaped.startswith(("=", "+", "-", "@", "\t", "\r")))


def test_the_xlsx_export_holds_no_formula(hr_client, formula_skill):
    book = openpyxl.load_workbook(io.BytesIO(raw_export(hr_client, "xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    assert f"'{FORMULAS[0]}" in [cell.value for cell in cells]


def test_the_csv_export_holds_no_cell_starting_a_formula(hr_client, formula_skill):
    rows = list(csv.reader(io.StringIO(raw_export(hr_client, "csv").decode("utf-8-sig"))))
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_texts_that_look_like_formulas_survive_an_export_and_import(hr_client, formula_skill, extension):
    before = snapshot()

    response = confirm(hr_client, upload(hr_client, export(hr_client, extension), extension))

    assert response.status_code == 302
    after = snapshot()
    assert [row[:4] for row in after[0]] == [row[:4] for row in before[0]]
    assert after[1:] == before[1:]
    assert Skill.objects.get(pk=formula_skill.pk).scenario == FORMULAS[2]


def test_an_xlsx_exported_before_the_escaping_imports_its_formula_text_not_an_empty_cell(hr_client, formula_skill):
    # Exports made before this fix hold live formulas without a cached value; read as data they are empty.
    # (A text written with a leading apostrophe cannot be told from an escaped one in such a file.)
    SkillLevel.objects.filter(skill=formula_skill, level=2).update(description="熟练")
    dataset = export(hr_client, "xlsx")
    book = openpyxl.Workbook()
    book.active.append(dataset.headers)
    for row in dataset:
        book.active.append([unescape_formula(cell) for cell in row])
    assert book.active.cell(row=row_of(dataset, formula_skill.slug) + 2, column=5).data_type == "f"
    stream = io.BytesIO()
    book.save(stream)
    before = snapshot()

    preview = upload_bytes(hr_client, stream.getvalue())

    assert confirm(hr_client, preview).status_code == 302
    assert snapshot()[1:] == before[1:]
    assert Skill.objects.get(pk=formula_skill.pk).definition == FORMULAS[0]


def upload_bytes(client, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.skills.test_admin_import_export import CONTENT_TYPES, IMPORT_URL

    form = client.get(IMPORT_URL).context["form"]
    return client.post(
        IMPORT_URL,
        {
            "resource": 0,
            "format": format_index(form, "xlsx"),
            "import_file": SimpleUploadedFile("old.xlsx", content, content_type=CONTENT_TYPES["xlsx"]),
        },
    )


def test_the_preview_shows_only_rows_that_change_and_what_an_empty_level_removes(hr_client, skill):
    dataset = export(hr_client, "csv")
    expert = skill.levels.get(level=3).description
    replace(dataset, row_of(dataset, skill.slug), 精通="")

    preview = upload(hr_client, dataset, "csv")

    result = preview.context["result"]
    changed = [row for row in result.rows if row.import_type != "skip"]
    assert [row.object_id for row in changed] == [skill.pk]
    assert expert in "".join(changed[0].diff)
    assert SkillLevel.objects.filter(skill=skill, level=3).exists()


def test_the_api_csv_download_holds_no_cell_starting_a_formula(api, formula_skill):
    from core.api.base import CSVRenderer

    response = api.get("/api/v1/download/skills.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert f"'{FORMULAS[0]}" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert CSVRenderer.cell(-5) == -5  # numbers are numbers, not text to neutralise
