"""?lang=zh-hant or Accept-Language: zh-Hant returns Traditional text; quotes stay as the source printed them."""

import csv
import io

import pytest

from skills.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill():
    # 沟通能力: its name differs between the scripts (沟通 / 溝通), so a conversion is visible.
    return Skill.objects.get(name="沟通能力")


def test_simplified_by_default(api, skill):
    response = api.get(f"/api/v1/skills/{skill.slug}/")
    assert response.json()["name"] == "沟通能力"
    assert response["Content-Language"] == "zh-Hans"


@pytest.mark.parametrize(
    "how",
    [{"QUERY_STRING": "lang=zh-hant"}, {"HTTP_ACCEPT_LANGUAGE": "zh-Hant"}, {"HTTP_ACCEPT_LANGUAGE": "zh-TW,zh;q=0.8"}],
)
def test_traditional_on_request(api, skill, how):
    response = api.get(f"/api/v1/skills/{skill.slug}/", **how)
    data = response.json()
    assert data["name"] == "溝通能力"
    assert data["category_name"] != skill.category.name or skill.category.name.isascii()
    assert response["Content-Language"] == "zh-Hant"
    # Identifiers never change with the script.
    assert data["slug"] == skill.slug


def test_lang_parameter_wins_over_the_header(api, skill):
    data = api.get(f"/api/v1/skills/{skill.slug}/?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="zh-Hant").json()
    assert data["name"] == "沟通能力"


def test_quotes_stay_verbatim_in_traditional(api, skill):
    data = api.get(f"/api/v1/skills/{skill.slug}/?lang=zh-hant").json()
    assert data["citations"] == [{"source": c.source.slug, "quote": c.quote} for c in skill.citations.all()]


def test_errors_are_translated_too(api):
    data = api.get("/api/v1/skills/?page=abc&lang=zh-hant").json()
    assert "必須" in data["page"][0]


def test_csv_download_is_converted_as_well(api, skill):
    body = api.get("/api/v1/download/skills.csv?lang=zh-hant").content.decode("utf-8-sig")
    names = {row["slug"]: row["name"] for row in csv.DictReader(io.StringIO(body))}
    assert names[skill.slug] == "溝通能力"
