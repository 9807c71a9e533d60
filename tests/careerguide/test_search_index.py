"""The search page's index: records read once per data version and matched in memory, by the same rule and fields
as the API's filters, and never older than the data."""

import pytest
from django.test import Client

from careerguide.search import KINDS, Query, find, read_index
from core.models import DataVersion
from progression.models import CareerAdvice, Challenge, OverviewEntry, Resource, Stage, StoryStep, Track
from salaries.models import CitySalary
from skills.models import Skill, SkillAlias

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

# Words of every kind of content, a region, a kind of resource, a section, letters in two cases, and nothing.
QUERIES = ["沟通", "倾听", "投诉", "华东", "书", "分类", "济南", "濟南", "客服", "的", "AI", "ai", "CRM", "%", "龘"]


def urls_found(query):
    return {hit.url for _heading, hits, _hidden in find(Query(query)) for hit in hits}


def titles_found(query, heading):
    return [hit.title for found, hits, _hidden in find(Query(query)) if found == heading for hit in hits]


@pytest.mark.parametrize("q", QUERIES)
def test_it_finds_the_records_the_api_filters_find(q):
    """Matched in memory, a record is found exactly when the database's filter (`matching`) finds it."""
    query = Query(q)
    found = {str(heading): (hits, hidden) for heading, hits, hidden in find(query)}
    skills = Skill.objects.matching(*query.terms)
    cities = CitySalary.objects.with_city().matching(*query.terms, original=query.typed)
    progression = [
        record
        for model in (Track, Challenge, CareerAdvice, StoryStep)
        for record in model.objects.matching(*query.terms)
    ]
    expected = {
        "技能": {skill.name for skill in skills},
        "发展阶段": {stage.name for stage in Stage.objects.matching(*query.terms)},
        "职业概况": {entry.title for entry in OverviewEntry.objects.matching(*query.terms)},
        "发展通道、挑战、建议与职业故事": {str(record) for record in progression},
        "学习资源": {resource.name for resource in Resource.objects.matching(*query.terms)},
        "城市薪资": {row.city.name for row in cities},
    }
    for heading, names in expected.items():
        hits, hidden = found.get(heading, ([], 0))
        # A section shows its first SHOWN_PER_SECTION and counts the rest.
        assert len(hits) + hidden == len(names), (q, heading)
        assert {hit.title for hit in hits} <= names, (q, heading)


def test_an_edited_definition_is_found_by_the_next_search():
    skill = Skill.objects.get(slug="communication")
    assert skill.get_absolute_url() not in urls_found("星际旅行")
    skill.definition += "星际旅行"
    skill.save()
    assert skill.get_absolute_url() in urls_found("星际旅行")


def test_a_new_alias_is_found_and_a_removed_one_no_longer(client):
    skill = Skill.objects.get(slug="communication")
    alias = SkillAlias.objects.create(skill=skill, name="话术高手")
    assert skill.get_absolute_url() in urls_found("话术高手")
    alias.delete()
    assert skill.get_absolute_url() not in urls_found("话术高手")


def test_a_renamed_stage_is_shown_by_its_new_name():
    stage = Stage.objects.get(slug="entry")
    assert "入职期" in titles_found("入职期", "发展阶段")
    stage.name = "起步期"
    stage.save()
    assert titles_found("起步期", "发展阶段") == ["起步期"]
    assert "入职期" not in titles_found("入职期", "发展阶段")  # its text still names it: found, by its new name


def test_a_new_search_reads_nothing_but_the_data_version(client, django_assert_num_queries):
    client.get("/search/", {"q": "沟通"})
    with django_assert_num_queries(1):
        response = client.get("/search/", {"q": "倾听"})
    assert "<mark>倾听</mark>" in response.content.decode()


def test_the_first_search_after_an_edit_reads_the_index_within_the_budget(client, django_assert_max_num_queries):
    client.get("/search/", {"q": "沟通"})
    DataVersion.bump()
    with django_assert_max_num_queries(10):
        response = client.get("/search/", {"q": "倾听"})
    assert "<mark>倾听</mark>" in response.content.decode()


def test_a_reader_of_either_script_gets_notes_worded_for_it(traditional):
    """The notes are worded in the interface language when the index is read: a 繁體 reader searching first must
    not leave Traditional wording in the Simplified reader's results."""
    assert "入職平均薪酬" in traditional.get("/search/", {"q": "济南"}).content.decode()
    assert "入职平均薪酬" in Client().get("/search/", {"q": "济南"}).content.decode()


def test_every_kind_of_content_is_in_the_index():
    index = read_index(DataVersion.current_token(), "/", None)
    assert len(index) == len(KINDS)
    assert all(entries for entries in index)
