import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.queries import CountEach, count_each
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


def test_a_counter_compiled_once_counts_what_is_there_now():
    counter = CountEach({"skills": Skill.objects.with_context(), "stages": Stage.objects.all()})
    assert counter() == {"skills": Skill.objects.count(), "stages": Stage.objects.count()}
    Stage.objects.create(slug="new", order=99, name="新阶段", phase="新", skill_needs="新", strategy="新")

    with CaptureQueriesContext(connection) as queries:
        counts = counter()

    assert counts == {"skills": Skill.objects.count(), "stages": Stage.objects.count()}
    assert len(queries) == 1


def test_nothing_to_count_costs_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert count_each({}) == {}
    assert len(queries) == 0


def test_it_cites_several_kinds_of_record_in_one_query():
    from progression.models import Challenge, StoryStep
    from skills.models import with_citations

    with CaptureQueriesContext(connection) as queries:
        stages, challenges, story = with_citations(
            Stage.objects.all(), Challenge.objects.all(), StoryStep.objects.all()
        )
        shown = {(type(record), record.pk): list(record.citations.all()) for record in [*stages, *challenges, *story]}
        sources = {citation.source.slug for citations in shown.values() for citation in citations}
    assert len(queries) == 4  # the three lists and one for all their citations with their documents
    assert sources and all(shown.values())
    for record in stages:
        assert [c.pk for c in shown[Stage, record.pk]] == list(
            Stage.objects.get(pk=record.pk).citations.values_list("pk", flat=True)
        )


def test_citations_read_with_their_sources_are_those_select_related_gives_one_document_shared():
    from skills.models import Citation

    def fields(record):
        return {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}

    expected = [(fields(citation), fields(citation.source)) for citation in Citation.objects.select_related("source")]
    with CaptureQueriesContext(connection) as queries:
        citations = list(Citation.objects.all().sharing_sources())
        read = [(fields(citation), fields(citation.source)) for citation in citations]
    assert len(queries) == 1
    assert read == expected and len(read) > 100
    assert len({id(citation.source) for citation in citations}) == len({c.source_id for c in citations}) == 5


def test_salary_summary_by_region_agrees_with_each_region_summed_apart():
    from salaries.models import Region

    by_region = CitySalary.objects.summary_by_region()
    for region in Region:
        assert by_region.get(region.value) == CitySalary.objects.in_region(region).summary()
