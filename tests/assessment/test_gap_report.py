"""The gap computation on the real seed data: status of each requirement, ordering, bands, city, next stage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.report import Assessment, Catalog, Status
from progression.models import UNSTATED_LEVEL_RULE, Resource, StageRequirement
from skills.models import Skill, SkillCategory

pytestmark = pytest.mark.django_db


def assess(stage, track="management", city=None, unrated=(), **ratings):
    """Every skill rated 尚未掌握 unless given, or left unrated when named in `unrated`."""
    catalog = Catalog()
    given = {slug.replace("_", "-"): level for slug, level in ratings.items()}
    ratings = {s.slug: given.get(s.slug, 0) for s in catalog.skills if s.slug.replace("-", "_") not in unrated}
    return Assessment.from_answers(catalog, stage=stage, track=track, ratings=ratings, city=city)


def by_skill(requirements):
    return {requirement.skill.slug: requirement for requirement in requirements}


def test_a_rating_at_the_required_level_is_met_below_it_partly_met_and_zero_is_missing():
    report = by_skill(assess("stable", problem_solving=2, communication=1).requirements)
    assert report["problem-solving"].status == Status.MET
    assert report["communication"].status == Status.PARTLY
    assert report["product-knowledge"].status == Status.MISSING


def test_a_rating_above_the_required_level_is_met_with_no_distance():
    requirement = by_skill(assess("entry", product_knowledge=3).requirements)["product-knowledge"]
    assert (requirement.required, requirement.current, requirement.distance) == (1, 3, 0)
    assert requirement.status == Status.MET


def test_a_requirement_without_a_level_counts_from_beginner_up_and_shows_no_target():
    rows = [
        by_skill(assess("promotion", patience_emotion=rating).requirements)["patience-emotion"] for rating in range(4)
    ]
    assert [row.status for row in rows] == [Status.MISSING, Status.MET, Status.MET, Status.MET]
    for row in rows:
        assert (row.level, row.level_given, row.required_label) == (None, False, "来源未规定程度")
        assert row.counting_rule == UNSTATED_LEVEL_RULE
        assert row.target_description == ""


def test_a_site_reading_keeps_its_basis_and_explanation():
    row = by_skill(assess("entry").requirements)["communication"]
    assert (row.level, row.is_site_reading) == (1, True)
    assert "初级" in row.level_note


def test_a_skill_left_out_of_the_ratings_is_unrated_neither_met_nor_a_gap():
    report = assess("stable", unrated=("communication", "product_knowledge"), problem_solving=2)
    requirement = by_skill(report.requirements)["communication"]
    assert (requirement.current, requirement.status, requirement.distance) == (None, Status.UNRATED, 0)
    assert requirement.current_label == "未评"
    assert "communication" not in by_skill(report.gaps()) and "communication" not in by_skill(report.met())
    assert set(by_skill(report.unrated())) == {"communication", "product-knowledge"}
    assert report.summary() == {"total": 3, "met": 1, "partly": 0, "missing": 0, "unrated": 2, "distance": 0}


def test_the_skills_a_target_needs_are_its_requirements_and_the_tracks_skills():
    report = assess("stable", "management")
    needed = {skill.slug for skill in report.needed_skills()}
    assert needed == {r.skill.slug for r in report.requirements} | {row.skill.slug for row in report.track_skills()}
    assert len(needed) < Skill.objects.count()


def test_the_target_stage_keeps_the_basics_of_earlier_stages_at_their_highest_level():
    report = by_skill(assess("promotion").requirements)
    # 晋升期 itself asks for 产品知识 and 情绪管理; 沟通 comes from 稳定期 (熟练 beats 入职期's 入门).
    assert set(report) == {
        "product-knowledge",
        "patience-emotion",
        "problem-solving",
        "communication",
    }
    assert (report["communication"].stage.slug, report["communication"].required) == ("stable", 2)
    assert (report["product-knowledge"].stage.slug, report["product-knowledge"].required) == ("promotion", 3)


def test_a_later_stage_is_not_part_of_the_target():
    assert "team-management" not in by_skill(assess("promotion").requirements)


def test_gaps_come_first_ordered_by_distance_then_own_stage_then_track():
    report = assess("promotion", product_knowledge=1, problem_solving=1, patience_emotion=1, communication=0)
    order = [(r.skill.slug, r.distance) for r in report.requirements]
    assert order == [
        ("product-knowledge", 2),  # the target stage's own requirement before an earlier stage's at equal distance
        ("communication", 2),
        ("problem-solving", 1),
        ("patience-emotion", 0),  # no level in the source: 入门 counts as having it
    ]
    assert [r.skill.slug for r in report.gaps()] == [slug for slug, distance in order if distance]
    assert [r.skill.slug for r in report.met()] == ["patience-emotion"]


def test_at_equal_distance_a_skill_of_the_chosen_track_comes_first():
    # 问题解决 is a 专业线 skill, 沟通 is not; both come from 稳定期 and are one level short.
    gaps = assess("promotion", "professional", problem_solving=1, communication=1).gaps()
    professional = [r.skill.slug for r in gaps if r.distance == 1]
    assert professional.index("problem-solving") < professional.index("communication")


def test_the_summary_counts_each_status_and_the_total_distance():
    summary = assess("stable", problem_solving=2, communication=1).summary()
    assert summary == {"total": 3, "met": 1, "partly": 1, "missing": 1, "unrated": 0, "distance": 2}


def test_every_gap_carries_the_resources_linked_to_its_skill():
    gap = by_skill(assess("stable").gaps())["communication"]
    expected = set(Resource.objects.filter(skills__slug="communication").values_list("slug", flat=True))
    assert expected
    assert {resource.slug for resource in gap.resources} == expected


def test_the_target_level_description_comes_from_the_skill_levels():
    gap = by_skill(assess("promotion").gaps())["product-knowledge"]
    assert gap.target_description == Skill.objects.get(slug="product-knowledge").levels.get(level=3).description


@pytest.mark.parametrize(
    ("stage", "band"), [("entry", "初级"), ("stable", "初级"), ("promotion", "高级"), ("management", "高级")]
)
def test_the_first_two_stages_get_the_junior_band_and_later_ones_the_senior(stage, band):
    assert assess(stage).salary_band().name == band


def test_a_chosen_city_is_compared_with_the_cross_city_average():
    comparison = assess("entry", city="beijing").city_comparison()
    assert comparison["salary"].average_monthly == 7285
    assert comparison["overall"]["count"] == 36
    assert comparison["difference"] == 7285 - comparison["overall"]["average"]
    assert comparison["dataset"].caveat_list()


def test_without_a_city_there_is_no_comparison():
    assert assess("entry").city_comparison() is None


def test_the_next_stage_and_what_it_asks():
    report = assess("promotion", team_management=2)
    assert report.next_stage().slug == "management"
    # 000 names both without a level: no target level, counted as met from 入门.
    assert {(r.skill.slug, r.current, r.level, r.status) for r in report.next_requirements()} == {
        ("team-management", 2, None, Status.MET),
        ("strategic-thinking", 0, None, Status.MISSING),
    }
    assert assess("management").next_stage() is None
    assert assess("management").next_requirements() == []


def test_the_track_skills_are_listed_weakest_first():
    rows = assess("entry", "management", communication=3, teamwork=1).track_skills()
    ratings = [row.current for row in rows]
    assert ratings == sorted(ratings)
    assert rows[-1].skill.slug == "communication"


def queries_for_a_report():
    with CaptureQueriesContext(connection) as captured:
        report = assess("management", "professional", city="shanghai")
        report.requirements, report.next_requirements(), report.track_skills(), report.salary_band()
        report.city_comparison(), report.catalog.general_resources(), report.catalog.skill_groups()
    return len(captured.captured_queries)


def test_the_report_costs_the_same_number_of_queries_however_much_data_there_is():
    before = queries_for_a_report()
    category = SkillCategory.objects.first()
    stage_requirement = StageRequirement.objects.filter(stage__slug="management").first()
    for number in range(5):
        skill = Skill.objects.create(
            category=category, slug=f"extra-{number}", name=f"额外技能{number}", definition="测试"
        )
        StageRequirement.objects.create(stage=stage_requirement.stage, skill=skill, level=2)
        resource = Resource.objects.create(slug=f"extra-{number}", kind=Resource.Kind.BOOK, name=f"额外资源{number}")
        resource.skills.add(skill)
    assert queries_for_a_report() == before
