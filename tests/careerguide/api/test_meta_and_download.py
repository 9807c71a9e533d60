"""/api/v1/meta/ tells a client whether its copy is stale; the whole data set downloads in one request."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.api.base import RECORDS
from core.models import DataVersion
from progression.models import Resource, StageRequirement
from salaries.models import CitySalary, SalaryDataset
from skills.models import Skill, Source

pytestmark = pytest.mark.django_db


def test_meta_gives_version_last_change_and_sources(api):
    data = api.get("/api/v1/meta/").json()
    token, changed_at = DataVersion.current()
    assert data["data_version"] == token
    assert data["last_changed"] == changed_at.astimezone(data_tz(data)).isoformat()
    assert [(s["slug"], s["published_on"]) for s in data["sources"]] == [
        (s.slug, s.published_on and s.published_on.isoformat()) for s in Source.objects.all()
    ]
    assert data["counts"]["skills"] == Skill.objects.count()
    assert data["counts"]["cities"] == CitySalary.objects.count()
    assert api.get(data["resources"]["skills"]).status_code == 200


def data_tz(data):
    from datetime import datetime

    return datetime.fromisoformat(data["last_changed"]).tzinfo


def test_meta_version_changes_with_every_edit(api):
    before = api.get("/api/v1/meta/").json()["data_version"]
    resource = Resource.objects.first()
    resource.description += "。"
    resource.save()
    assert api.get("/api/v1/meta/").json()["data_version"] != before


def test_bulk_download_holds_every_record_of_every_collection(api):
    data = api.get("/api/v1/download/").json()
    assert data["meta"]["data_version"] == DataVersion.current()[0]
    assert [item["slug"] for item in data["skills"]] == list(Skill.objects.values_list("slug", flat=True))
    assert len(data["cities"]) == CitySalary.objects.count()
    for name, count in data["meta"]["counts"].items():
        assert len(data[name]) == count, name


def test_csv_per_collection(api):
    response = api.get("/api/v1/download/cities.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="careerguide-cities.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["slug"], int(row["average_monthly"])) for row in rows] == list(
        CitySalary.objects.values_list("city__slug", "average_monthly")
    )


def test_csv_of_an_unknown_collection_is_a_json_404(api):
    response = api.get("/api/v1/download/passwords.csv")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_csv_is_cacheable_like_json(api):
    etag = api.get("/api/v1/download/skills.csv").headers["ETag"]
    assert api.get("/api/v1/download/skills.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_bulk_download_query_count_does_not_grow_with_the_data(api):
    with CaptureQueriesContext(connection) as before:
        api.get("/api/v1/download/")
    skill = Skill.objects.first()
    quote = {"source": Source.objects.get(slug="000"), "quote": Source.objects.get(slug="000").text()[:4]}
    for n in range(3):
        extra = Skill.objects.create(
            category=skill.category, slug=f"extra-{n}", name=f"额外技能{n}", definition="测试。"
        )
        extra.citations.create(**quote)
        extra.aliases.create(name=f"额外别名{n}")
        extra.levels.create(level=1, description="入门。").citations.create(**quote)
        resource = Resource.objects.create(slug=f"extra-{n}", kind="book", name=f"书{n}")
        resource.skills.add(extra, skill)
    with CaptureQueriesContext(connection) as after:
        data = api.get("/api/v1/download/").json()
    assert data["meta"]["counts"]["skills"] == Skill.objects.count()
    assert len(after) == len(before)


def test_bulk_download_read_again_before_an_edit_takes_the_built_listings(api):
    first = api.get("/api/v1/download/").json()
    with CaptureQueriesContext(connection) as queries:
        again = api.get("/api/v1/download/").json()
    assert again == first
    assert len(queries) <= 2, [query["sql"] for query in queries]  # the version and its last change


def test_meta_read_again_before_an_edit_takes_the_built_sources(api):
    first = api.get("/api/v1/meta/").json()
    with CaptureQueriesContext(connection) as queries:
        again = api.get("/api/v1/meta/").json()
    assert again == first
    assert len(queries) <= 3, [query["sql"] for query in queries]  # the version, its last change, the counts


def test_bulk_download_after_an_edit_shows_the_edited_relations(api):
    """What a listing shows of other tables (a stage's requirements, a skill's aliases, a dataset's caveats) is read
    again after an edit, like the records themselves."""
    api.get("/api/v1/download/")
    requirement = StageRequirement.objects.filter(level__isnull=False).first()
    requirement.level_note = "改过的解读。"
    requirement.save()
    skill = Skill.objects.first()
    skill.aliases.create(name="新加的别名")
    dataset = SalaryDataset.objects.first()
    dataset.caveats += "\n新加的说明。"
    dataset.save()

    data = api.get("/api/v1/download/").json()

    stage = next(item for item in data["stages"] if item["slug"] == requirement.stage.slug)
    assert "改过的解读。" in [shown["level_note"] for shown in stage["requirements"]]
    required_by = next(item for item in data["skills"] if item["slug"] == requirement.skill.slug)["required_by"]
    assert "改过的解读。" in [shown["level_note"] for shown in required_by]
    assert "新加的别名" in next(item for item in data["skills"] if item["slug"] == skill.slug)["aliases"]
    assert "新加的说明。" in next(item for item in data["salary-datasets"] if item["slug"] == dataset.slug)["caveats"]


def test_bulk_download_shows_each_record_as_its_own_endpoint_does(api):
    """Its citations come from one query for every listing; a record reads the same as on its own."""
    data = api.get("/api/v1/download/").json()
    RECORDS.clear()  # each record built again, alone
    for name, slug in [("skills", "communication"), ("stages", "stable"), ("tracks", None), ("cities", None)]:
        record = data[name][0] if slug is None else next(item for item in data[name] if item["slug"] == slug)
        assert api.get(record["url"]).json() == record, name


def test_every_collection_downloads_as_csv(api):
    """Nested values of every kind (decimal figures of the statistics, lists, citations) fit in a CSV cell."""
    collections = api.get("/api/v1/meta/").json()["resources"]
    for name in collections:
        response = api.get(f"/api/v1/download/{name}.csv")
        assert response.status_code == 200, (name, response.content[:200])
        assert response.content.decode("utf-8-sig").splitlines()[0]


def test_meta_is_what_its_serializer_describes_and_links_where_reverse_does():
    from rest_framework.renderers import JSONRenderer
    from rest_framework.request import Request
    from rest_framework.reverse import reverse
    from rest_framework.test import APIRequestFactory

    from careerguide.api.urls import collections
    from careerguide.api.views import MetaSerializer, MetaView

    view = MetaView(resources=collections, request=Request(APIRequestFactory().get("/api/v1/meta/")))
    view.data_version = DataVersion.current_token()

    shown = view.meta()

    described = MetaSerializer(
        {**shown, "last_changed": DataVersion.current()[1], "sources": list(Source.objects.all())},
        context={"request": view.request},
    ).data
    assert JSONRenderer().render(shown) == JSONRenderer().render(described)
    assert shown["resources"] == {
        name: reverse(f"api:{basename}-list", request=view.request) for name, _, basename in collections
    }
