"""The progression, learning and overview seed data say what the sources say (read here from the sources)."""

import re

import opencc
import pytest
from django.conf import settings

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

pytestmark = pytest.mark.django_db

t2s = opencc.OpenCC("t2s")


def source(prefix):
    (path,) = settings.SOURCES_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_the_four_stages_follow_000_in_order_with_its_skill_needs_and_strategies():
    published = re.findall(r"\d\. (\S+?)\((\S+?)\)\n\n\s+1\. 技能需求:(\S+)\n\s+2\. 提升策略:(\S+)", source("000"))
    stages = [(s.name, s.phase, s.skill_needs, s.strategy) for s in Stage.objects.all()]
    assert len(published) == 4
    assert stages == published


def test_each_stage_requires_the_skills_its_needs_name_with_a_level_only_where_000_gives_one():
    # 000 says 高效的情绪管理能力 and 全面的团队管理能力与战略思维: no level of its scale, so none is set;
    # 基础/初级 read as 入门 and 熟练 extended to 沟通技巧 are the site's readings, labelled as such.
    requirements = {
        (r.stage.slug, r.skill.slug): (r.level_label, r.level_basis)
        for r in StageRequirement.objects.select_related("stage", "skill")
    }
    assert requirements == {
        ("entry", "product-knowledge"): ("入门", "reading"),
        ("entry", "communication"): ("入门", "reading"),
        ("stable", "problem-solving"): ("熟练", "stated"),
        ("stable", "communication"): ("熟练", "reading"),
        ("promotion", "product-knowledge"): ("精通", "stated"),
        ("promotion", "patience-emotion"): ("来源未规定程度", "unstated"),
        ("management", "team-management"): ("来源未规定程度", "unstated"),
        ("management", "strategic-thinking"): ("来源未规定程度", "unstated"),
    }


def test_a_requirements_level_is_backed_by_its_quote_or_marked_as_the_sites_reading():
    for requirement in StageRequirement.objects.prefetch_related("citations"):
        quotes = [c.quote for c in requirement.citations.all()]
        if requirement.level is None:
            assert requirement.level_basis == "unstated", requirement
        elif requirement.level_basis == "stated":
            assert any(requirement.get_level_display() in quote for quote in quotes), requirement
        else:
            assert requirement.level_basis == "reading" and requirement.level_note.strip(), requirement


def test_each_requirement_cites_words_of_its_stages_skill_needs_in_000():
    # Not the strategy: 熟悉客服系统 is what 入职期 should do, not a skill need with a level.
    for requirement in StageRequirement.objects.select_related("stage").prefetch_related("citations__source"):
        stage = requirement.stage
        quotes = [c.quote for c in requirement.citations.all() if c.source.slug == "000"]
        assert quotes, requirement
        assert all(quote in stage.skill_needs for quote in quotes), requirement


def test_the_tracks_list_the_traits_and_growth_of_001():
    text = source("001")
    growth = re.search(r"需要增长以下知识/能力:(.+?)。", text)[1].split(";")
    for slug, name in [("management", "管理线"), ("professional", "专业线")]:
        track = Track.objects.get(slug=slug)
        assert track.name == name
        assert track.trait_list() == re.search(f"适合往{name}发展的特点包括:(.+?)。", text)[1].split(";")
        assert track.growth_list() == growth
        assert track.skills.exists()


def test_the_challenges_are_the_three_of_000_with_their_strategies():
    published = re.findall(r"\d\. (\S+)\n\n\s+1\. (\S+)\n\s+2\. 应对策略:(\S+)", source("000"))
    assert [(c.name, c.description, c.strategy) for c in Challenge.objects.all()] == published


def test_ayans_story_goes_from_representative_to_trainer():
    assert list(StoryStep.objects.values_list("role", flat=True)) == [
        "客服代表",
        "电话营销",
        "组长",
        "主管",
        "培训讲师",
    ]


def test_content_drawn_from_004_is_stored_in_simplified_chinese():
    texts = [a.title + a.body for a in CareerAdvice.objects.all()]
    texts += [s.role + s.description for s in StoryStep.objects.all()]
    texts += [e.title + e.body + e.points for e in OverviewEntry.objects.filter(citations__source__slug="004")]
    texts += [r.name + r.description for r in Resource.objects.filter(citations__source__slug="004")]
    assert len(texts) > 20
    assert [text for text in texts if t2s.convert(text) != text] == []


def test_every_overview_section_has_entries():
    present = set(OverviewEntry.objects.values_list("section", flat=True))
    assert present == set(OverviewEntry.Section.values)


def test_no_overview_fact_is_stored_twice():
    bodies = [body for body in OverviewEntry.objects.values_list("body", flat=True) if body]
    assert len(bodies) == len(set(bodies))


def test_the_seven_future_skills_of_001_are_each_linked_to_a_skill():
    sentence = re.search(r"核心知识/技能包括:(.+)", source("001"))[1]
    published = re.findall(r"\d\. ([^,]+),", sentence)
    entries = OverviewEntry.objects.in_section("future_skill").order_by("order")
    assert len(published) == 7
    assert [e.title for e in entries] == published
    assert all(e.skill_id for e in entries)


def test_the_related_majors_are_those_of_004():
    published = t2s.convert(re.search(r"相關專業\n(\S+)等相關專業", source("004"))[1]).split("、")
    assert (
        list(OverviewEntry.objects.in_section("major").order_by("order").values_list("title", flat=True)) == published
    )


def test_the_links_of_004_keep_their_urls_as_published():
    links = Resource.objects.filter(kind__in=[Resource.Kind.LINK, Resource.Kind.EXAMPLE])
    assert links.count() == 3
    assert all(link.url and link.url in source("004") for link in links)


def test_the_books_of_000_carry_their_authors():
    books = {r.name: r.author for r in Resource.objects.filter(kind=Resource.Kind.BOOK)}
    published = dict(re.findall(r"《(.+?)》\(作者:(.+?)\)", source("000")))
    assert books == published


def test_a_resource_builds_a_skill_only_where_a_source_says_so():
    """000 lists 《沟通的艺术》 among recommended books and says nothing of what it builds."""
    assert not Resource.objects.get(slug="art-of-communication-book").skills.exists()
