import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.queries import count_each
from progression.models import Resource, Stage
from salaries.models import CitySalary
from skills.models import Skill

pytestmark = pytest.mark.django_db


def test_it_counts_every_queryset_in_one_query():
    querysets = {
        "skills": Skill.objects.with_context(),
        "technical": Skill.objects.filter(category__slug="technical"),
        "stages": Stage.objects.all(),
        "cities": CitySalary.objects.with_city(),
        "none": Resource.objects.filter(name="没有这个资源"),
    }
    with CaptureQueriesContext(connection) as queries:
        counts = count_each(querysets)
    assert len(queries) == 1
    assert counts == {name: queryset.count() for name, queryset in querysets.items()}
    assert counts["none"] == 0 and 0 < counts["technical"] < counts["skills"]


def test_nothing_to_count_costs_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert count_each({}) == {}
    assert len(queries) == 0
