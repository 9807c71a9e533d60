"""An edit saved in the admin is what the next reader gets, from the pages and the API, cached or not."""

import pytest
from django.test import Client

from core.chinese import fullwidth


@pytest.fixture
def reader():
    return Client()


def test_an_admin_edit_shows_at_once_on_the_public_page_and_in_the_api(reader, hr_client, skill, form_data, change_url):
    page_url, api_url = skill.get_absolute_url(), f"/api/v1/skills/{skill.slug}/"
    assert fullwidth(skill.definition) in reader.get(page_url).content.decode()
    old_api = reader.get(api_url)
    assert old_api.json()["definition"] == fullwidth(skill.definition)
    # Read twice so any cache between the reader and the data holds the old copy.
    reader.get(page_url), reader.get(api_url)

    data = form_data(hr_client.get(change_url(skill)))
    data["definition"] = "刚刚修改并保存的定义。"
    assert hr_client.post(change_url(skill), data).status_code == 302

    assert "刚刚修改并保存的定义。" in reader.get(page_url).content.decode()
    new_api = reader.get(api_url, HTTP_IF_NONE_MATCH=old_api["ETag"])
    assert new_api.status_code == 200
    assert new_api.json()["definition"] == "刚刚修改并保存的定义。"
    assert new_api["ETag"] != old_api["ETag"]


def test_an_imported_level_shows_at_once_on_the_public_page(reader, hr_client, skill):
    from skills.resources import SkillResource

    page_url = skill.get_absolute_url()
    reader.get(page_url)
    dataset = SkillResource().export(skill.__class__.objects.filter(pk=skill.pk))
    row = dict(dataset.dict[0], 精通="导入的精通描述。")
    dataset[0] = tuple(row[header] for header in dataset.headers)

    result = SkillResource().import_data(dataset)

    assert not result.has_errors() and not result.has_validation_errors()
    assert "导入的精通描述。" in reader.get(page_url).content.decode()
