"""A list is filtered only when the request names one of its filters, and then exactly as django-filter does."""

import django_filters
import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api.filters import FilterBackend, StrictFilterSet
from salaries.models import CitySalary
from skills.models import Skill


def asks(query, filterset_class):
    return FilterBackend.asks_for_filtering(Request(APIRequestFactory().get("/", query)), filterset_class)


class Salaries(StrictFilterSet):
    average = django_filters.RangeFilter(field_name="average_monthly")

    class Meta:
        model = CitySalary
        fields = ["average"]


class Required(StrictFilterSet):
    region = django_filters.CharFilter(field_name="city__region", required=True)

    class Meta:
        model = CitySalary
        fields = ["region"]


def test_it_tells_a_filter_parameter_from_the_others():
    assert not asks({"lang": "zh-hant", "page": "2", "page_size": "5"}, Salaries)
    assert asks({"average_min": "3000"}, Salaries)
    assert asks({"average": ""}, Salaries)
    assert asks({}, Required)  # a required filter is checked even when the request leaves it out


@pytest.mark.django_db
def test_an_unfiltered_list_and_a_filtered_one_read_as_before(api):
    everything = api.get("/api/v1/skills/", {"page_size": 1, "lang": "zh-hant"}).json()["count"]
    technical = api.get("/api/v1/skills/", {"page_size": 1, "category": "technical"}).json()["count"]
    assert everything == Skill.objects.count()
    assert technical == Skill.objects.filter(category__slug="technical").count() < everything
    assert api.get("/api/v1/skills/", {"category": "nope"}).status_code == 400
    assert api.get("/api/v1/cities/", {"region": ""}).status_code == 400
