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


def test_each_stage_requires_the_skills_and_levels_its_needs_name():
    requirements = {
        (r.stage.slug, r.skill.slug): r.get_level_display()
        for r in StageRequirement.objects.select_related("stage", "skill")
    }
    assert requirements == {
        ("entry", "product-knowledge"): "入门",
        ("entry", "communication"): "入门",
        ("entry", "service-system"): "入门",
        ("stable", "problem-solving"): "熟练",
        ("stable", "communication"): "熟练",
        ("promotion", "product-knowledge"): "精通",
        ("promotion", "patience-emotion"): "精通",
        ("management", "team-management"): "精通",
        ("management", "strategic-thinking"): "精通",
    }


def test_each_requirement_cites_words_of_its_stage_in_000():
    for requirement in StageRequirement.objects.select_related("stage").prefetch_related("citations__source"):
        stage = requirement.stage
        quotes = [c.quote for c in requirement.citations.all() if c.source.slug == "000"]
        assert quotes, requirement
        assert all(quote in stage.skill_needs + stage.strategy for quote in quotes), requirement


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


def test_the_real_story_goes_from_representative_to_trainer():
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
    links = Resource.objects.filter(kind=Resource.Kind.LINK)
    assert links.count() == 3
    assert all(link.url and link.url in source("004") for link in links)


def test_the_books_of_000_carry_their_authors():
    books = {r.name: r.author for r in Resource.objects.filter(kind=Resource.Kind.BOOK)}
    published = dict(re.findall(r"《(.+?)》\(作者:(.+?)\)", source("000")))
    assert books == published
