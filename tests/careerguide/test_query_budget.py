"""Every page and API read issues at most ten SQL queries, and the same number with 100× the data as with the
real data.

The counts are taken on the real views with the response cache and the page fragments off: a cache hit would hide
the view's queries, and the first reader after an edit finds no fragment.
The synthetic rows are added once for the module and removed afterwards, so other tests see the real data.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import synthetic
from careerguide.search import read_index
from core.api.base import RECORDS
from core.models import DataVersion
from progression.models import Resource, Stage, Track
from salaries.models import City, StatisticalRelease
from skills.models import Skill, SkillCategory

PAGES = [
    "/",
    "/skills/",
    "/skills/?category=technical",
    "/skills/{skill}/",
    "/progression/",
    "/progression/{stage}/",
    "/learning/",
    "/salaries/",
    "/salaries/?sort=-salary",
    "/salaries/{city}/",
    "/salaries/compare/?cities=beijing,shanghai",
    "/salaries/method/",
    "/search/?q=沟通",
    "/search/?q=北京",
    "/search/?q=工资",
    "/search/?q=书",
    "/sources/",
    "/sources/004/",
]
# The self-assessment keeps what it reads in the process for as long as the data version lasts
# (assessment.report.Catalog): the first request after an edit reads it all, the next ones only the version. Both
# are counted. The result is rated in full, as a shared link is.
ASSESSMENT = [
    "/assessment/",
    "/assessment/?stage=promotion&track=management&step=2",
    "/assessment/?all=1",
    "/assessment/result/?stage=promotion&track=management&city={city}&{ratings}",
]
API = [
    "/api/v1/meta/",
    "/api/v1/skills/",
    "/api/v1/skills/?q=沟通",
    "/api/v1/skills/{skill}/",
    "/api/v1/skills/{skill}/levels/",
    "/api/v1/categories/",
    "/api/v1/stages/",
    "/api/v1/stages/{stage}/",
    "/api/v1/resources/",
    "/api/v1/cities/",
    "/api/v1/cities/?page=2",
    "/api/v1/cities/{city}/",
    "/api/v1/salary-summary/",
    "/api/v1/wage-statistics/",
    "/api/v1/download/cities.csv",
    "/api/v1/sources/",
    "/api/v1/sources/004/",
    "/api/v1/categories/{category}/",
    "/api/v1/skills/{skill}/levels/1/",
    "/api/v1/tracks/",
    "/api/v1/tracks/{track}/",
    "/api/v1/challenges/",
    "/api/v1/advice/",
    "/api/v1/story/",
    "/api/v1/story/1/",
    "/api/v1/overview/",
    "/api/v1/resources/{resource}/",
    "/api/v1/salary-bands/",
    "/api/v1/salary-datasets/",
    "/api/v1/wage-statistics/{wage_statistics}/",
    "/api/v1/download/",
    "/api/v1/download/skills.csv",
    "/api/v1/download/overview.csv",
]
BUDGET = 10


def real_slugs():
    return {
        "skill": Skill.objects.exclude(slug__startswith=synthetic.SLUG_PREFIX)
        .filter(levels__isnull=False)
        .values_list("slug", flat=True)
        .first(),
        "stage": Stage.objects.values_list("slug", flat=True).first(),
        "city": City.objects.exclude(slug__startswith=synthetic.SLUG_PREFIX).values_list("slug", flat=True).first(),
        "category": SkillCategory.objects.values_list("slug", flat=True).first(),
        "track": Track.objects.values_list("slug", flat=True).first(),
        "resource": Resource.objects.values_list("slug", flat=True).first(),
        "wage_statistics": StatisticalRelease.objects.values_list("slug", flat=True).first(),
        "ratings": "&".join(
            f"skill-{slug}=1"
            for slug in Skill.objects.exclude(slug__startswith=synthetic.SLUG_PREFIX).values_list("slug", flat=True)
        ),
    }


def count_queries(url):
    # What the first read after an edit costs: it builds every API record it shows (core.api.base.RECORDS) and
    # the search index.
    RECORDS.clear()
    read_index.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def after_an_edit(url):
    """(queries of the first request after an edit, of the request after it)"""
    DataVersion.bump()
    return count_queries(url), count_queries(url)


@pytest.fixture(autouse=True)
def uncached_views(settings):
    # What the first reader after an edit pays: nothing from the response cache, no fragment already rendered.
    settings.RESPONSE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(scope="module")
def budgets(django_db_setup, django_db_blocker):
    """The query count of every URL on the real data; the 100× rows exist while the module's tests run.

    Everything happens inside one transaction that is rolled back at the end, so no other test sees the rows
    (each test's own transaction nests inside it as a savepoint).
    """
    from django.conf import settings

    saved = settings.RESPONSE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS
    settings.RESPONSE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    with django_db_blocker.unblock(), transaction.atomic():
        slugs = real_slugs()
        urls = [url.format(**slugs) for url in PAGES + API]
        for url in urls:
            Client().get(url)  # the first request of a process also loads content types and the like
        counts = {url: count_queries(url) for url in urls}
        counts |= {url: after_an_edit(url) for url in [url.format(**slugs) for url in ASSESSMENT]}
        synthetic.grow()
        try:
            yield slugs, counts
        finally:
            transaction.set_rollback(True)
            settings.RESPONSE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS = saved


@pytest.mark.parametrize("template", PAGES + API)
@pytest.mark.django_db
def test_query_count_does_not_grow_with_100x_data(budgets, template):
    slugs, counts = budgets
    url = template.format(**slugs)
    assert Skill.objects.count() > 5000
    assert count_queries(url) == counts[url], url


@pytest.mark.parametrize("template", PAGES + API)
@pytest.mark.django_db
def test_it_stays_within_the_query_budget_on_the_real_data(budgets, template):
    slugs, counts = budgets
    url = template.format(**slugs)
    assert counts[url] <= BUDGET, (url, counts[url])


@pytest.mark.parametrize("template", ASSESSMENT)
@pytest.mark.django_db
def test_the_assessment_reads_as_much_after_an_edit_with_100x_data(budgets, template):
    slugs, counts = budgets
    url = template.format(**slugs)
    assert Skill.objects.count() > 5000
    assert after_an_edit(url) == counts[url], url


@pytest.mark.parametrize("template", ASSESSMENT)
@pytest.mark.django_db
def test_the_assessment_stays_within_the_query_budget_even_after_an_edit(budgets, template):
    slugs, counts = budgets
    url = template.format(**slugs)
    first, then = counts[url]
    assert first <= BUDGET, (url, first)
    assert then == 1, (url, then)  # the data version alone


@pytest.mark.django_db
def test_synthetic_rows_are_reachable_through_the_paginated_api(budgets):
    """The 100× rows really are in the lists being counted, not filtered out."""
    response = Client().get("/api/v1/cities/", {"page_size": 1})
    assert response.json()["count"] >= 3600


@pytest.mark.django_db
def test_a_deep_page_of_100x_skills_costs_no_more_than_the_first_page_of_the_real_ones(budgets):
    slugs, counts = budgets
    assert count_queries("/api/v1/skills/?page=200") <= counts["/api/v1/skills/"]


@pytest.mark.django_db
def test_the_budgeted_search_really_searches(budgets):
    """The search URL above is the filtered path: fewer skills than the whole list, and some."""
    everything = Client().get("/api/v1/skills/", {"page_size": 1}).json()["count"]
    found = Client().get("/api/v1/skills/", {"q": "沟通", "page_size": 1}).json()["count"]
    assert 0 < found < everything
