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


def test_reads_together_give_what_each_read_alone_gives_in_one_query():
    """Text, whole numbers, dates and nulls, through joins and reverse relations, each in its queryset's order."""
    from core.queries import Rows, read_together
    from progression.models import StageRequirement, Track
    from skills.models import Source

    Source.objects.filter(slug="004").update(published_on="2010-06-03")  # a date beside the nulls of the others
    reads = {
        "sources": Rows(Source.objects.all(), ("pk", "slug", "published_on", "retrieved_on", "order")),
        "requirements": Rows(
            StageRequirement.objects.by_level(), ("pk", "stage_id", "skill__slug", "level", "level_note")
        ),
        "track skills": Rows(Skill.objects.filter(tracks__in=Track.objects.all()), ("tracks", "slug")),
        "cities by salary": Rows(CitySalary.objects.ranked(), ("city__slug", "average_monthly", "dataset__as_of")),
        "none": Rows(Stage.objects.filter(slug="没有这个阶段"), ("pk", "slug")),
    }
    alone = {name: rows.read() for name, rows in reads.items()}
    assert connection.features.has_json_object_function  # asked of SQLite once per connection, with a query

    with CaptureQueriesContext(connection) as queries:
        together = read_together(reads)

    assert len(queries) == 1
    assert together == alone
    assert {row[2] for row in alone["sources"]} > {None} and {row[3] for row in alone["requirements"]} > {None}


def test_a_read_whose_values_would_change_through_json_is_read_on_its_own():
    """Date-times and annotations come back exactly as values_list() gives them, in a query of their own."""
    from core.queries import Rows, read_together

    reads = {
        "skills": Rows(Skill.objects.with_context(), ("pk", "updated_at", "hr_edited")),
        "stages": Rows(Stage.objects.all(), ("pk", "slug")),
    }
    alone = {name: rows.read() for name, rows in reads.items()}
    assert connection.features.has_json_object_function

    with CaptureQueriesContext(connection) as queries:
        together = read_together(reads)

    assert len(queries) == 2
    assert together == alone
    assert not reads["skills"].travels_as_json() and reads["stages"].travels_as_json()
