"""Every collection returns what the database holds, in the database's order, with links a client can follow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.chinese import fullwidth
from progression.models import (
    CareerAdvice,
    Challenge,
    OverviewEntry,
    Resource,
    Stage,
    StageRequirement,
    StoryStep,
    Track,
)
from salaries.models import CitySalary, Region, SalaryBand, SalaryDataset
from skills.models import Skill, SkillCategory, SkillLevel, Source

pytestmark = pytest.mark.django_db

# (list URL, queryset in the API's order, field of the ORM row, field of the JSON item that identify a record)
COLLECTIONS = [
    ("/api/v1/sources/", Source.objects.all(), "slug", "slug"),
    ("/api/v1/categories/", SkillCategory.objects.all(), "slug", "slug"),
    ("/api/v1/skills/", Skill.objects.all(), "slug", "slug"),
    ("/api/v1/stages/", Stage.objects.all(), "slug", "slug"),
    ("/api/v1/tracks/", Track.objects.order_by("order", "pk"), "slug", "slug"),
    ("/api/v1/challenges/", Challenge.objects.order_by("order", "pk"), "slug", "slug"),
    ("/api/v1/advice/", CareerAdvice.objects.order_by("order", "pk"), "slug", "slug"),
    ("/api/v1/story/", StoryStep.objects.all(), "order", "order"),
    ("/api/v1/overview/", OverviewEntry.objects.all(), "slug", "slug"),
    ("/api/v1/resources/", Resource.objects.all(), "slug", "slug"),
    ("/api/v1/cities/", CitySalary.objects.all(), "city__slug", "slug"),
    ("/api/v1/salary-bands/", SalaryBand.objects.order_by("order", "pk"), "slug", "slug"),
    ("/api/v1/salary-datasets/", SalaryDataset.objects.order_by("pk"), "slug", "slug"),
]
IDS = [url.split("/")[3] for url, *_ in COLLECTIONS]


@pytest.mark.parametrize(("url", "queryset", "orm_key", "json_key"), COLLECTIONS, ids=IDS)
def test_each_list_returns_every_record_in_database_order(url, queryset, orm_key, json_key, every_item):
    expected = list(queryset.values_list(orm_key, flat=True))
    assert expected, "the seed data should fill every collection"
    assert [item[json_key] for item in every_item(url + "?page_size=7")] == expected


@pytest.mark.parametrize(("url", "queryset", "orm_key", "json_key"), COLLECTIONS, ids=IDS)
def test_each_item_links_to_its_own_detail(api, url, queryset, orm_key, json_key):
    item = api.get(url).json()["results"][0]
    detail = api.get(item["url"])
    assert detail.status_code == 200
    assert detail.json() == item


@pytest.mark.parametrize(("url", "queryset", "orm_key", "json_key"), COLLECTIONS, ids=IDS)
def test_query_count_does_not_grow_with_page_size(api, url, queryset, orm_key, json_key, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as one:
        api.get(url + "?page_size=1")
    with django_assert_max_num_queries(len(one)):
        response = api.get(url + "?page_size=100")
    assert len(response.json()["results"]) == min(queryset.count(), 100)


def test_unknown_slug_is_a_json_404(api):
    response = api.get("/api/v1/skills/no-such-skill/")
    assert response.status_code == 404
    assert response.json()["detail"] == "没有找到该资源。"


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/v1/no-such-collection/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_skill_carries_levels_aliases_sources_and_requiring_stages(api):
    skill = Skill.objects.filter(levels__isnull=False, requirements__isnull=False).distinct().first()
    data = api.get(f"/api/v1/skills/{skill.slug}/").json()

    assert data["name"] == skill.name
    assert data["category"] == skill.category.slug
    assert data["aliases"] == [alias.name for alias in skill.aliases.all()]
    assert [(level["level"], level["level_name"], level["description"]) for level in data["levels"]] == [
        (level.level, level.get_level_display(), level.description) for level in skill.levels.all()
    ]
    assert {(r["stage"], r["level"]) for r in data["required_by"]} == {
        (r.stage.slug, r.level) for r in StageRequirement.objects.filter(skill=skill)
    }
    cited = set(skill.citations.values_list("source__slug", flat=True))
    cited |= set(SkillLevel.objects.filter(skill=skill).values_list("citations__source__slug", flat=True)) - {None}
    assert data["sources"] == sorted(cited)
    assert data["citations"] == [{"source": c.source.slug, "quote": c.quote} for c in skill.citations.all()]


def test_skill_levels_are_addressed_by_number(api):
    level = SkillLevel.objects.select_related("skill").first()
    response = api.get(f"/api/v1/skills/{level.skill.slug}/levels/{level.level}/")
    assert response.status_code == 200
    assert response.json()["description"] == level.description
    assert api.get(f"/api/v1/skills/{level.skill.slug}/levels/").json() == list(
        api.get(f"/api/v1/skills/{level.skill.slug}/").json()["levels"]
    )


def test_stage_lists_its_requirements_with_target_levels(api):
    stage = Stage.objects.first()
    data = api.get(f"/api/v1/stages/{stage.slug}/").json()
    expected = stage.requirements.order_by("-level", "skill__category__order", "skill__order", "skill__pk")
    assert [(r["skill"], r["level"]) for r in data["requirements"]] == [(r.skill.slug, r.level) for r in expected]


def test_city_shows_the_published_number_and_both_spellings(api):
    salary = CitySalary.objects.select_related("city", "dataset").first()
    data = api.get(f"/api/v1/cities/{salary.city.slug}/").json()
    assert data["average_monthly"] == salary.average_monthly
    assert (data["name"], data["name_traditional"]) == (salary.city.name, salary.city.name_traditional)
    assert data["dataset"] == salary.dataset.slug


def test_salary_summary_matches_the_database_overall_and_per_region(api):
    data = api.get("/api/v1/salary-summary/").json()
    overall = CitySalary.objects.summary()
    assert data["overall"] == {
        "as_of": "2010-06",
        "count": overall["count"],
        "average": overall["average"],
        "median": overall["median"],
        "minimum": overall["lowest"],
        "maximum": overall["highest"],
    }
    regions = {row["region"]: row for row in data["regions"]}
    for region in Region:
        stats = CitySalary.objects.in_region(region).summary()
        if stats is None:
            assert region.value not in regions
        else:
            row = regions[region.value]
            assert (row["count"], row["median"]) == (stats["count"], stats["median"])
    assert data["dataset"]["caveats"] == [fullwidth(c) for c in SalaryDataset.objects.get().caveat_list()]
