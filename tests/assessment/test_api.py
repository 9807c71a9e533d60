"""POST /api/v1/assessments/: the same gap report as JSON, documented in the schema, 400 with a message on bad input."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from core.chinese import fullwidth
from core.models import DataVersion

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessments/"


def post(api, body, **extra):
    return api.post(URL, json.dumps(body), content_type="application/json", **extra)


def test_it_returns_the_gap_report(api):
    response = post(
        api, {"stage": "stable", "track": "management", "ratings": {"problem-solving": 2, "communication": 1}}
    )
    assert response.status_code == 200
    report = response.json()
    assert report["stage"]["slug"] == "stable"
    # 产品知识 is left out of the ratings: unrated, neither met nor a gap (the page's rule, stated in the report).
    assert report["summary"] == {"total": 3, "met": 1, "partly": 1, "missing": 0, "unrated": 1, "distance": 1}
    statuses = {row["skill"]: row["status"] for row in report["requirements"]}
    assert statuses == {"problem-solving": "met", "communication": "partly", "product-knowledge": "unrated"}
    product = next(row for row in report["requirements"] if row["skill"] == "product-knowledge")
    assert (product["current"], product["current_name"], product["distance"]) == (None, "未评", 0)
    assert "未评" in report["unrated_rule"]
    distances = [row["distance"] for row in report["requirements"]]
    assert distances == sorted(distances, reverse=True)
    communication = next(row for row in report["requirements"] if row["skill"] == "communication")
    assert "in-house-training" in {resource["slug"] for resource in communication["resources"]}
    assert communication["strategy"] == fullwidth("积极参与客户服务案例分析,向资深同事请教。")
    assert report["salary_band"]["name"] == "初级"
    assert report["next_stage"]["slug"] == "promotion"
    assert report["city_salary"] is None


def test_a_requirement_without_a_level_says_so_and_carries_the_counting_rule(api):
    report = post(api, {"stage": "promotion", "track": "management", "ratings": {"patience-emotion": 1}}).json()
    patience = next(row for row in report["requirements"] if row["skill"] == "patience-emotion")
    assert (patience["level"], patience["level_given"], patience["level_basis"]) == (None, False, "unstated")
    assert patience["required_name"] == "来源未规定程度" and patience["status"] == "met"
    assert patience["counting_rule"] == report["unstated_level_rule"] != ""
    assert patience["target_description"] == ""
    product = next(row for row in report["requirements"] if row["skill"] == "product-knowledge")
    assert (product["level"], product["level_given"], product["level_basis"], product["counting_rule"]) == (
        3,
        True,
        "stated",
        "",
    )


def test_it_matches_the_result_page_and_links_to_it(api, client, settings):
    report = post(
        api,
        {
            "stage": "promotion",
            "track": "professional",
            "city": "chengdu",
            "ratings": {"product-knowledge": 1, "communication": 3},
        },
    ).json()
    link = urlsplit(report["share_url"])
    answers = parse_qs(link.query)
    assert answers["stage"] == ["promotion"] and answers["city"] == ["chengdu"]
    assert answers["skill-communication"] == ["3"] and "skill-team-management" not in answers
    assert answers["v"] == [DataVersion.current_token()]
    page = client.get(f"{link.path}?{link.query}")
    assert page.status_code == 200
    html = page.content.decode()
    for row in report["requirements"]:
        anchor = {"met": "met", "unrated": "unrated"}.get(row["status"], "gap") + f'-{row["skill"]}"'
        anchor = 'id="' + anchor
        assert anchor in html
    assert fullwidth(f"{report['city_salary']['average_monthly']:,} 元(2010年6月)") in html


def test_a_city_is_compared_with_the_average_with_its_caveats(api):
    city = post(api, {"stage": "entry", "track": "management", "city": "beijing", "ratings": {}}).json()["city_salary"]
    assert city["average_monthly"] == 7285
    assert city["difference"] == 7285 - city["overall_average"]
    assert (city["as_of"], city["period"]) == ("2010-06", "2010年6月")
    assert any("入职平均薪酬" in caveat for caveat in city["caveats"])


def test_it_answers_in_traditional_chinese_on_request(api):
    body = {"stage": "stable", "track": "management", "ratings": {}}
    report = post(api, body, HTTP_ACCEPT_LANGUAGE="zh-Hant").json()
    assert report["stage"]["name"] == "穩定期"
    assert post(api, body).json()["stage"]["name"] == "稳定期"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"stage": "ceo", "track": "management", "ratings": {}}, "stage", "没有“ceo”这个阶段"),
        ({"stage": "entry", "track": "up", "ratings": {}}, "track", "没有“up”这个发展通道"),
        (
            {"stage": "entry", "track": "management", "city": "atlantis", "ratings": {}},
            "city",
            "没有“atlantis”这个城市",
        ),
        ({"stage": "entry", "track": "management", "ratings": {"juggling": 2}}, "ratings", "没有这些技能:juggling"),
        ({"stage": "entry", "track": "management", "ratings": [2]}, "ratings", "ratings 必须是对象"),
        ({"stage": "entry", "track": "management"}, "ratings", "缺少 ratings"),
    ],
)
def test_bad_answers_get_a_400_naming_the_field(api, body, field, message):
    response = post(api, body)
    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == fullwidth("答案有误,请检查标出的字段。")
    assert fullwidth(message) in json.dumps(data[field], ensure_ascii=False)


@pytest.mark.parametrize("level", [4, -1, "abc", 2.5, None, True])
def test_an_invalid_level_is_a_400_on_that_skill(api, level):
    response = post(api, {"stage": "entry", "track": "management", "ratings": {"communication": level}})
    assert response.status_code == 400
    assert "communication" in response.json()["ratings"]


@pytest.mark.parametrize("raw", ["{not json", "null", "[]", '"text"'])
def test_a_body_that_is_not_a_json_object_is_a_400_with_a_chinese_message(api, raw):
    response = api.post(URL, raw, content_type="application/json")
    assert response.status_code == 400
    assert any("\u4e00" <= char <= "\u9fff" for char in response.json()["detail"])


def test_reading_is_not_offered(api):
    assert api.get(URL).status_code == 405


def test_the_schema_documents_the_endpoint_with_examples(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    operation = schema["paths"]["/api/v1/assessments/"]["post"]
    assert operation["summary"] == "自我评估:差距报告"
    assert operation["requestBody"]["content"]["application/json"]["examples"]
    assert operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert "400" in operation["responses"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"stage", "track", "ratings"} <= set(schema["components"]["schemas"][request_schema]["required"])
