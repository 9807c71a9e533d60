"""The gap computation on the real seed data: status of each requirement, ordering, bands, city, next stage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.report import Assessment, Catalog, Status
from progression.models import Resource, StageRequirement
from skills.models import Skill, SkillCategory

pytestmark = pytest.mark.django_db


def assess(stage, track="management", city=None, **ratings):
    ratings = {slug.replace("_", "-"): level for slug, level in ratings.items()}
    return Assessment.from_answers(Catalog(), stage=stage, track=track, ratings=ratings, city=city)


def by_skill(requirements):
    return {requirement.skill.slug: requirement for requirement in requirements}


def test_a_rating_at_the_required_level_is_met_below_it_partly_met_and_zero_is_missing():
    report = by_skill(assess("stable", problem_solving=2, communication=1).requirements)
    assert report["problem-solving"].status == Status.MET
    assert report["communication"].status == Status.PARTLY
    assert report["product-knowledge"].status == Status.MISSING


def test_a_rating_above_the_required_level_is_met_with_no_distance():
    requirement = by_skill(assess("entry", service_system=3).requirements)["service-system"]
    assert (requirement.required, requirement.current, requirement.distance) == (1, 3, 0)
    assert requirement.status == Status.MET


def test_skills_left_out_of_the_ratings_count_as_not_yet_mastered():
    requirement = by_skill(assess("entry").requirements)["communication"]
    assert requirement.current == 0
    assert requirement.status == Status.MISSING


def test_the_target_stage_keeps_the_basics_of_earlier_stages_at_their_highest_level():
    report = by_skill(assess("promotion").requirements)
    # 晋升期 itself asks for 产品知识 and 情绪管理; 沟通 comes from 稳定期 (熟练 beats 入职期's 入门).
    assert set(report) == {
        "product-knowledge",
        "patience-emotion",
        "problem-solving",
        "communication",
        "service-system",
    }
    assert (report["communication"].stage.slug, report["communication"].required) == ("stable", 2)
    assert (report["product-knowledge"].stage.slug, report["product-knowledge"].required) == ("promotion", 3)


def test_a_later_stage_is_not_part_of_the_target():
    assert "team-management" not in by_skill(assess("promotion").requirements)


def test_gaps_come_first_ordered_by_distance_then_own_stage_then_track():
    report = assess(
        "promotion", product_knowledge=1, problem_solving=1, patience_emotion=0, communication=0, service_system=3
    )
    order = [(r.skill.slug, r.distance) for r in report.requirements]
    assert order == [
        ("patience-emotion", 3),
        ("product-knowledge", 2),  # the target stage's own requirement before an earlier stage's at equal distance
        ("communication", 2),
        ("problem-solving", 1),
        ("service-system", 0),
    ]
    assert [r.skill.slug for r in report.gaps()] == [slug for slug, distance in order if distance]
    assert [r.skill.slug for r in report.met()] == ["service-system"]


def test_at_equal_distance_a_skill_of_the_chosen_track_comes_first():
    # 问题解决 is a 管理线 skill, 客服系统 is not; both come from earlier stages and are one level short.
    management = [r.skill.slug for r in assess("promotion", "management", problem_solving=1).gaps() if r.distance == 1]
    assert management.index("problem-solving") < management.index("service-system")


def test_the_summary_counts_each_status_and_the_total_distance():
    summary = assess("stable", problem_solving=2, communication=1).summary()
    assert summary == {"total": 4, "met": 1, "partly": 1, "missing": 2, "distance": 3}


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
    assert {(r.skill.slug, r.current, r.required) for r in report.next_requirements()} == {
        ("team-management", 2, 3),
        ("strategic-thinking", 0, 3),
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
