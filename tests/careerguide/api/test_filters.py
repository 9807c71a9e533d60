"""Filters, search, ordering and pagination; every bad value is a 4xx whose JSON names what was wrong."""

import pytest

from progression.models import Resource
from salaries.models import CitySalary
from skills.models import Skill, SkillCategory

pytestmark = pytest.mark.django_db


def test_skills_filter_by_category(every_item):
    for category in SkillCategory.objects.all():
        items = every_item(f"/api/v1/skills/?category={category.slug}&page_size=100")
        assert [item["slug"] for item in items] == list(category.skills.values_list("slug", flat=True))


def test_skills_search_finds_what_the_orm_finds(every_item):
    items = every_item("/api/v1/skills/?q=沟通&page_size=100")
    expected = list(Skill.objects.matching("沟通").values_list("slug", flat=True))
    assert expected
    assert [item["slug"] for item in items] == expected


def test_skills_search_in_traditional_matches_like_simplified(every_item):
    simplified = every_item("/api/v1/skills/?q=沟通能力&page_size=100")
    traditional = every_item("/api/v1/skills/?q=溝通能力&page_size=100")
    assert simplified and traditional == simplified


def test_skills_search_by_alias(every_item):
    skill = Skill.objects.filter(aliases__isnull=False).first()
    alias = skill.aliases.first().name
    assert skill.slug in [item["slug"] for item in every_item(f"/api/v1/skills/?q={alias}&page_size=100")]


def test_resources_filter_by_kind(every_item):
    for kind in Resource.objects.values_list("kind", flat=True).distinct():
        items = every_item(f"/api/v1/resources/?kind={kind}")
        assert items and {item["kind"] for item in items} == {kind}
        assert len(items) == Resource.objects.filter(kind=kind).count()


def test_resources_filter_by_skill(every_item):
    skill = Skill.objects.filter(resources__isnull=False).first()
    items = every_item(f"/api/v1/resources/?skill={skill.slug}")
    assert [item["slug"] for item in items] == list(skill.resources.values_list("slug", flat=True))
    assert all(skill.slug in item["skills"] for item in items)


def test_cities_filter_by_region(every_item):
    region = CitySalary.objects.values_list("city__region", flat=True).first()
    items = every_item(f"/api/v1/cities/?region={region}&page_size=100")
    assert [item["slug"] for item in items] == list(
        CitySalary.objects.in_region(region).values_list("city__slug", flat=True)
    )


def test_cities_filter_by_salary_range(every_item):
    items = every_item("/api/v1/cities/?min_salary=3000&max_salary=4000&page_size=100")
    expected = CitySalary.objects.filter(average_monthly__gte=3000, average_monthly__lte=4000)
    assert items and len(items) == expected.count()
    assert all(3000 <= item["average_monthly"] <= 4000 for item in items)


@pytest.mark.parametrize(
    ("ordering", "key", "reverse"),
    [
        ("salary", "average_monthly", False),
        ("-salary", "average_monthly", True),
        ("name", "slug", False),
        ("-name", "slug", True),
    ],
)
def test_cities_ordering(ordering, key, reverse, every_item):
    items = every_item(f"/api/v1/cities/?ordering={ordering}&page_size=100")
    values = [item[key] for item in items]
    assert len(values) == CitySalary.objects.count()
    assert values == sorted(values, reverse=reverse)


def test_page_size_sets_the_page_and_next_link(api):
    first = api.get("/api/v1/skills/?page_size=5").json()
    assert len(first["results"]) == 5
    assert first["count"] == Skill.objects.count()
    second = api.get(first["next"]).json()
    assert second["previous"]
    assert [item["slug"] for item in first["results"] + second["results"]] == list(
        Skill.objects.values_list("slug", flat=True)[:10]
    )


def test_page_size_above_the_maximum_is_capped(api):
    assert len(api.get("/api/v1/skills/?page_size=100000").json()["results"]) == min(Skill.objects.count(), 100)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/skills/?category=no-such-category", "category"),
        ("/api/v1/skills/?q=" + "长" * 51, "q"),
        ("/api/v1/resources/?kind=podcast", "kind"),
        ("/api/v1/resources/?skill=no-such-skill", "skill"),
        ("/api/v1/cities/?region=mars", "region"),
        ("/api/v1/cities/?min_salary=lots", "min_salary"),
        ("/api/v1/cities/?max_salary=-5", "max_salary"),
        ("/api/v1/cities/?ordering=population", "ordering"),
        ("/api/v1/overview/?section=gossip", "section"),
        ("/api/v1/cities/?region=", "region"),
        ("/api/v1/cities/?ordering=", "ordering"),
        ("/api/v1/skills/?page=abc", "page"),
        ("/api/v1/skills/?page=0", "page"),
        ("/api/v1/skills/?page=²", "page"),
        ("/api/v1/skills/?page_size=ten", "page_size"),
        ("/api/v1/skills/?page_size=0", "page_size"),
        ("/api/v1/skills/?lang=fr", "lang"),
    ],
)
def test_bad_values_are_a_400_naming_the_parameter(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    message = response.json()[parameter]
    assert message and all(isinstance(line, str) and line for line in message)


def test_page_beyond_the_last_is_a_json_404(api):
    response = api.get("/api/v1/skills/?page=9999")
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]
