"""Anyone reads; a write needs a token and the matching model permission, and then shows up at once."""

import pytest
from django.contrib.auth import get_user_model

from progression.models import Resource
from salaries.models import CitySalary, SalaryBand
from skills.models import Skill, SkillAlias, SkillLevel, Source

pytestmark = pytest.mark.django_db


def quote_from(slug="000"):
    """A real sentence of a source document, so citations written in tests are verbatim."""
    text = Source.objects.get(slug=slug).text()
    return next(line.strip() for line in text.splitlines() if len(line.strip()) > 6)


@pytest.fixture
def skill():
    return Skill.objects.first()


def test_anonymous_reads_but_cannot_write(api, skill):
    assert api.get(f"/api/v1/skills/{skill.slug}/").status_code == 200
    assert api.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "改"}, format="json").status_code == 401
    assert api.delete(f"/api/v1/skills/{skill.slug}/").status_code == 401
    assert api.post("/api/v1/resources/", {}, format="json").status_code == 401
    assert Skill.objects.get(pk=skill.pk).definition == skill.definition


def test_a_401_tells_the_client_to_use_a_token(api, skill):
    response = api.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "改"}, format="json")
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"]


def test_a_token_of_a_non_staff_user_is_refused(token_client, skill):
    client = token_client("change_skill")
    get_user_model().objects.filter(username__startswith="api-writer").update(is_staff=False)
    response = client.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "改"}, format="json")
    assert response.status_code == 401
    assert Skill.objects.get(pk=skill.pk).definition == skill.definition


def test_token_without_the_permission_is_forbidden(token_client, skill):
    client = token_client("view_skill", "change_resource")
    response = client.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "改"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert Skill.objects.get(pk=skill.pk).definition == skill.definition


def test_token_with_change_skill_edits_and_the_edit_is_visible(token_client, api, skill):
    client = token_client("change_skill")
    response = client.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "新的定义。"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["definition"] == "新的定义。"
    assert Skill.objects.get(pk=skill.pk).definition == "新的定义。"
    assert api.get(f"/api/v1/skills/{skill.slug}/").json()["definition"] == "新的定义。"


def test_citations_must_be_verbatim(token_client, skill):
    client = token_client("change_skill")
    bad = {"citations": [{"source": "000", "quote": "来源里没有这句话"}]}
    response = client.patch(f"/api/v1/skills/{skill.slug}/", bad, format="json")
    assert response.status_code == 400
    assert response.json()["citations"]

    good = {"citations": [{"source": "000", "quote": quote_from("000")}]}
    response = client.patch(f"/api/v1/skills/{skill.slug}/", good, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["citations"] == good["citations"]
    assert list(skill.citations.values_list("quote", flat=True)) == [quote_from("000")]


def test_creating_a_resource_needs_add_permission_and_provenance(token_client, api, skill):
    payload = {"slug": "api-book", "kind": "book", "name": "测试书", "skills": [skill.slug]}
    assert token_client("change_resource").post("/api/v1/resources/", payload, format="json").status_code == 403

    client = token_client("add_resource")
    response = client.post("/api/v1/resources/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["citations"]

    payload["citations"] = [{"source": "000", "quote": quote_from("000")}]
    response = client.post("/api/v1/resources/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Resource.objects.get(slug="api-book").skills.get() == skill
    found = api.get(f"/api/v1/resources/?skill={skill.slug}&kind=book").json()["results"]
    assert "api-book" in [item["slug"] for item in found]


def test_levels_are_written_under_their_skill(token_client, api):
    skill = Skill.objects.exclude(levels__level=3).first()
    payload = {"level": 3, "description": "能指导他人。", "citations": [{"source": "000", "quote": quote_from()}]}
    assert (
        token_client("change_skilllevel")
        .post(f"/api/v1/skills/{skill.slug}/levels/", payload, format="json")
        .status_code
        == 403
    )

    client = token_client("add_skilllevel", "change_skilllevel")
    response = client.post(f"/api/v1/skills/{skill.slug}/levels/", payload, format="json")
    assert response.status_code == 201, response.content
    assert SkillLevel.objects.get(skill=skill, level=3).description == "能指导他人。"

    duplicate = client.post(f"/api/v1/skills/{skill.slug}/levels/", payload, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json()["level"]

    edited = client.patch(f"/api/v1/skills/{skill.slug}/levels/3/", {"description": "能培训新人。"}, format="json")
    assert edited.status_code == 200
    assert api.get(f"/api/v1/skills/{skill.slug}/").json()["levels"][-1]["description"] == "能培训新人。"


def test_city_salary_is_corrected_with_change_permission(token_client, api):
    salary = CitySalary.objects.select_related("city").first()
    url = f"/api/v1/cities/{salary.city.slug}/"
    assert token_client("change_salaryband").patch(url, {"average_monthly": 1}, format="json").status_code == 403

    client = token_client("change_citysalary", "delete_citysalary")
    assert client.patch(url, {"average_monthly": 0}, format="json").status_code == 400
    response = client.patch(url, {"average_monthly": salary.average_monthly + 1}, format="json")
    assert response.status_code == 200
    assert api.get(url).json()["average_monthly"] == salary.average_monthly + 1
    # Cities come from the published table: they are corrected, never added or removed through the API.
    assert client.delete(url).status_code == 405


def test_salary_band_maximum_cannot_fall_below_minimum(token_client):
    band = SalaryBand.objects.first()
    client = token_client("change_salaryband")
    response = client.patch(f"/api/v1/salary-bands/{band.slug}/", {"maximum": band.minimum - 1}, format="json")
    assert response.status_code == 400
    assert response.json()["maximum"]
    assert SalaryBand.objects.get(pk=band.pk).maximum == band.maximum


def test_read_only_collections_refuse_writes(token_client, api):
    client = token_client("add_stage", "change_stage", "delete_stage")
    assert api.post("/api/v1/stages/", {}, format="json").status_code in (401, 405)
    assert client.post("/api/v1/stages/", {}, format="json").status_code == 405
    assert client.delete("/api/v1/stages/entry/").status_code == 405


def test_cors_allows_reads_from_any_origin_but_no_writes(api, skill):
    response = api.get("/api/v1/skills/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        f"/api/v1/skills/{skill.slug}/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH"
    )
    assert "PATCH" not in preflight.get("Access-Control-Allow-Methods", "")
    assert "GET" in preflight.get("Access-Control-Allow-Methods", "")


def test_a_write_based_on_an_old_version_is_refused_with_409(token_client, api, skill):
    client = token_client("change_skill")
    seen = api.get(f"/api/v1/skills/{skill.slug}/").json()["version"]
    first = client.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "甲的修改。", "version": seen}, format="json")
    assert first.status_code == 200
    assert first.json()["version"] == seen + 1

    second = client.patch(f"/api/v1/skills/{skill.slug}/", {"definition": "乙的修改。", "version": seen}, format="json")
    assert second.status_code == 409
    assert "重新读取" in second.json()["detail"]
    assert Skill.objects.get(pk=skill.pk).definition == "甲的修改。"


def test_a_level_written_through_the_api_makes_open_admin_forms_stale(token_client, skill):
    level = SkillLevel.objects.select_related("skill").first()
    before = level.skill.version
    client = token_client("change_skilllevel")
    response = client.patch(
        f"/api/v1/skills/{level.skill.slug}/levels/{level.level}/", {"description": "新描述。"}, format="json"
    )
    assert response.status_code == 200
    assert Skill.objects.get(pk=level.skill.pk).version == before + 1


def test_a_skill_cannot_be_named_like_another_skills_alias(token_client, skill):
    alias = SkillAlias.objects.exclude(skill=skill).select_related("skill").first()
    response = token_client("change_skill").patch(f"/api/v1/skills/{skill.slug}/", {"name": alias.name}, format="json")
    assert response.status_code == 400
    assert alias.skill.name in response.json()["name"][0]
