"""Reads built from rows show exactly what the serializers' fields show, and never a record older than the data."""

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from careerguide.api.urls import collections
from core.api.base import RECORDS
from core.models import DataVersion
from progression.models import Stage, StageRequirement
from salaries.models import CitySalary
from skills.models import Skill

pytestmark = pytest.mark.django_db

# Every collection whose serializer represents rows (a few small ones stay DRF's own).
ROW_VIEWSETS = [viewset for _, viewset, _ in collections if hasattr(viewset.serializer_class, "represent_rows")]


def list_view(viewset):
    request = Request(APIRequestFactory().get("/api/v1/"))
    return viewset(request=request, format_kwarg=None, args=(), kwargs={}, action="list")


@pytest.mark.parametrize("viewset", ROW_VIEWSETS, ids=lambda viewset: viewset.__name__)
def test_it_represents_every_record_byte_for_byte_as_the_serializer_fields_do(viewset, token_client):
    # An HR edit, so that a skill's last_edited is a time rather than null.
    skill = Skill.objects.filter(levels__isnull=False).first()
    edited = token_client("change_skill").patch(f"/api/v1/skills/{skill.slug}/", {"impact": "改过。"}, format="json")
    assert edited.status_code == 200, edited.content
    view = list_view(viewset)

    fields = view.get_serializer(view.get_queryset(), many=True).data
    rows = view.all_records()

    assert JSONRenderer().render(rows) == JSONRenderer().render(fields)


def test_it_covers_the_cases_the_fields_treat_apart():
    # What the comparison above must meet for its equality to mean anything.
    assert StageRequirement.objects.filter(level__isnull=True).exists()
    assert StageRequirement.objects.filter(level__isnull=False).exists()
    assert Skill.objects.filter(levels__isnull=True).exists() and Skill.objects.filter(levels__isnull=False).exists()
    assert (
        Skill.objects.filter(aliases__isnull=True).exists() and Skill.objects.filter(resources__isnull=False).exists()
    )


def test_an_api_edit_shows_on_the_next_read_of_the_list_and_the_record(api, token_client):
    skill = Skill.objects.filter(levels__level=1).first()
    url = f"/api/v1/skills/{skill.slug}/"
    for _ in range(2):  # the second read comes from what the first one built
        listed = {item["slug"]: item for item in api.get("/api/v1/skills/?page_size=100").json()["results"]}
        api.get(url)
    writer = token_client("change_skill", "change_skilllevel")

    assert writer.patch(url, {"definition": "新的定义。"}, format="json").status_code == 200
    assert writer.patch(f"{url}levels/1/", {"description": "新的入门描述。"}, format="json").status_code == 200

    shown = api.get(url).json()
    listed = {item["slug"]: item for item in api.get("/api/v1/skills/?page_size=100").json()["results"]}
    for record in (shown, listed[skill.slug]):
        assert record["definition"] == "新的定义。"
        assert record["levels"][0]["description"] == "新的入门描述。"
        assert record["last_edited"] is not None
        assert record["version"] == Skill.objects.get(pk=skill.pk).version


def test_an_edit_of_a_related_record_shows_where_it_is_nested(api, token_client):
    stage = Stage.objects.filter(requirements__isnull=False).first()
    skill = stage.requirements.first().skill
    api.get(f"/api/v1/skills/{skill.slug}/"), api.get("/api/v1/cities/")

    # Saved as the admin saves it: the model's save, which moves the data version on.
    stage.name = "新阶段"
    stage.save()
    city = CitySalary.objects.with_city().first()
    assert (
        token_client("change_citysalary")
        .patch(f"/api/v1/cities/{city.city.slug}/", {"average_monthly": 12345}, format="json")
        .status_code
        == 200
    )

    required_by = api.get(f"/api/v1/skills/{skill.slug}/").json()["required_by"]
    assert "新阶段" in [requirement["stage_name"] for requirement in required_by]
    cities = {item["slug"]: item for item in api.get("/api/v1/cities/?page_size=100").json()["results"]}
    assert cities[city.city.slug]["average_monthly"] == 12345


def test_a_record_built_for_one_host_is_not_shown_to_another(api):
    skill = Skill.objects.first()
    assert api.get(f"/api/v1/skills/{skill.slug}/").json()["url"].startswith("http://testserver/")

    other = api.get(f"/api/v1/skills/{skill.slug}/", HTTP_HOST="localhost").json()

    assert other["url"] == f"http://localhost/api/v1/skills/{skill.slug}/"


def test_the_memo_keeps_a_bounded_number_of_records(api):
    size = RECORDS.size
    RECORDS.size = 5
    try:
        api.get("/api/v1/skills/?page_size=30")
        assert len(RECORDS.entries) == 5
    finally:
        RECORDS.size = size


def test_each_script_keeps_its_own_records(api):
    skill = Skill.objects.filter(name__contains="沟通").first()
    url = f"/api/v1/skills/{skill.slug}/"
    simplified, traditional = api.get(url).json(), api.get(url, {"lang": "zh-hant"}).json()
    assert simplified["name"] != traditional["name"]

    for _ in range(2):
        assert api.get(url).json() == simplified
        assert api.get(url, {"lang": "zh-hant"}).json() == traditional
        listed = api.get("/api/v1/skills/", {"lang": "zh-hant", "page_size": 100}).json()["results"]
        assert next(item for item in listed if item["slug"] == skill.slug) == traditional


def test_after_an_edit_the_memo_holds_only_the_new_version_s_records(api):
    api.get("/api/v1/skills/?page_size=30")
    before = RECORDS.version
    assert len({key[-1] for key in RECORDS.entries}) == 30

    DataVersion.bump()
    skill = Skill.objects.first()
    api.get(f"/api/v1/skills/{skill.slug}/")

    assert RECORDS.version not in (None, before)
    assert {key[-1] for key in RECORDS.entries} == {skill.pk}
