"""Self-assessment: from a person's own ratings to the gaps between them and a target stage.

Nothing here is stored. `Catalog` reads everything an assessment can refer to with a fixed number of queries,
so the form, the result page and the API cost the same whatever the data holds; `Assessment` is plain
computation on top of it.
"""

from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import NamedTuple
from urllib.parse import urlencode

from django.db import models

from progression.models import UNSTATED_LEVEL_LABEL, UNSTATED_LEVEL_RULE, LevelBasis, Resource, Stage, Track
from salaries.adjustment import Adjustment
from salaries.models import CitySalary, SalaryBand
from skills.models import MasteryLevel, Skill

# Ratings travel in the query string as skill-<slug>=<0..3>, apart from whatever else a shared link picks up.
SKILL_PREFIX = "skill-"
NOT_YET = 0
# The sources name three levels; a person rating themself also needs "not yet", which no requirement uses.
RATINGS = [(NOT_YET, "尚未掌握"), *MasteryLevel.choices]
RATING_LABELS = dict(RATINGS)
HIGHEST = MasteryLevel.EXPERT


class Status(models.TextChoices):
    MET = "met", "已达到"
    PARTLY = "partly", "部分达到"
    MISSING = "missing", "尚未掌握"


class Catalog:
    """Every stage, track, skill, resource and salary an assessment may use, loaded once per request."""

    def __init__(self):
        self.skills = list(Skill.objects.select_related("category").prefetch_related("levels"))
        self.skills_by_slug = {skill.slug: skill for skill in self.skills}
        self.skills_by_pk = {skill.pk: skill for skill in self.skills}
        self.stages = list(Stage.objects.prefetch_related("requirements"))
        self.tracks = list(Track.objects.prefetch_related(models.Prefetch("skills", queryset=Skill.objects.only("pk"))))
        self.resources = list(
            Resource.objects.for_learning().prefetch_related(
                models.Prefetch("skills", queryset=Skill.objects.only("pk"))
            )
        )
        self.salaries = list(CitySalary.objects.with_city())
        self.bands = list(SalaryBand.objects.all())

    @cached_property
    def adjustment(self):
        """What the 2010 city amounts mean today (None without salaries or statistics); read only when used."""
        return Adjustment.for_dataset(self.salaries[0].dataset if self.salaries else None)

    def skill_groups(self):
        """(category, skills) in the order the skill pages use."""
        return [(category, list(skills)) for category, skills in groupby(self.skills, key=lambda s: s.category)]

    def stage(self, slug):
        return next((stage for stage in self.stages if stage.slug == slug), None)

    def track(self, slug):
        return next((track for track in self.tracks if track.slug == slug), None)

    def city_salary(self, slug):
        return next((salary for salary in self.salaries if salary.city.slug == slug), None)

    def resources_for(self, skill):
        return [resource for resource in self.resources if skill.pk in {s.pk for s in resource.skills.all()}]

    def general_resources(self):
        """Resources the sources tie to no particular skill: channels, books, advice on choosing training."""
        return [resource for resource in self.resources if not resource.skills.all()]


# A requirement whose source names the skill without a level counts as met from this rating on (the site's rule,
# stated with it on the result page and in the API as UNSTATED_LEVEL_RULE); it never shows as a target level.
UNSTATED_THRESHOLD = MasteryLevel.BEGINNER


@dataclass
class Requirement:
    """One skill a stage asks for, set against the person's own rating.

    `level` is the stage's target level, None where the source sets none; `required` is the rating that counts
    as meeting it (the level, or UNSTATED_THRESHOLD)."""

    skill: Skill
    stage: Stage
    level: int | None
    current: int
    level_basis: str = LevelBasis.STATED
    level_note: str = ""
    in_track: bool = False
    resources: list = field(default_factory=list)

    @property
    def required(self):
        return self.level or UNSTATED_THRESHOLD

    @property
    def level_given(self):
        return self.level is not None

    @property
    def is_site_reading(self):
        return self.level_basis == LevelBasis.READING

    @property
    def counting_rule(self):
        """How this requirement is counted when the source sets no level ("" when it does)."""
        return "" if self.level_given else UNSTATED_LEVEL_RULE

    @property
    def distance(self):
        return max(self.required - self.current, 0)

    @property
    def status(self):
        if self.current >= self.required:
            return Status.MET
        return Status.PARTLY if self.current > NOT_YET else Status.MISSING

    @property
    def status_label(self):
        return self.status.label

    @property
    def required_label(self):
        return RATING_LABELS[self.level] if self.level_given else UNSTATED_LEVEL_LABEL

    @property
    def current_label(self):
        return RATING_LABELS[self.current]

    @property
    def target_description(self):
        """What the source says the required level means for this skill ("" when it says nothing or sets no level)."""
        return next((level.description for level in self.skill.levels.all() if level.level == self.level), "")


class TrackSkill(NamedTuple):
    """A skill of the chosen track with the person's rating (the sources set no level for track skills)."""

    skill: Skill
    current: int
    current_label: str


class Assessment:
    """The gap report for one set of answers; `ratings` maps skill slug to 0–3, a skill left out counts as 0."""

    @classmethod
    def from_answers(cls, catalog, *, stage, track, ratings, city=""):
        """The one way from validated answers (slugs, as the form, the API and a shared link carry them) to a
        report."""
        return cls(
            catalog,
            stage=catalog.stage(stage),
            track=catalog.track(track),
            ratings=ratings,
            city_salary=catalog.city_salary(city) if city else None,
        )

    def __init__(self, catalog, stage, track, ratings, city_salary=None):
        self.catalog = catalog
        self.stage = stage
        self.track = track
        self.ratings = ratings
        self.city_salary = city_salary
        self._track_skills = {skill.pk for skill in track.skills.all()}

    def query_string(self):
        """The answers as the result page's query string: the plan's shareable address."""
        pairs = [("stage", self.stage.slug), ("track", self.track.slug)]
        if self.city_salary is not None:
            pairs.append(("city", self.city_salary.city.slug))
        pairs += [(SKILL_PREFIX + skill.slug, self.rating(skill)) for skill in self.catalog.skills]
        return urlencode(pairs)

    def rating(self, skill):
        return self.ratings.get(skill.slug, NOT_YET)

    def _requirement(self, requirement, stage):
        skill = self.catalog.skills_by_pk[requirement.skill_id]
        return Requirement(
            skill=skill,
            stage=stage,
            level=requirement.level,
            level_basis=requirement.level_basis,
            level_note=requirement.level_note,
            current=self.rating(skill),
            in_track=skill.pk in self._track_skills,
            resources=self.catalog.resources_for(skill),
        )

    def stages_up_to_target(self):
        return [stage for stage in self.catalog.stages if stage.order <= self.stage.order]

    @cached_property
    def requirements(self):
        """What the target stage asks, plus what earlier stages asked of skills it does not mention again.

        The stages build on one another, so someone aiming at 晋升期 still needs the 稳定期 basics; a skill
        required more than once counts at its highest level (one without a level counts as 入门, see
        UNSTATED_THRESHOLD; at equal footing the later stage's requirement is kept). Ordered by how far each is from its target,
        then the target stage's own requirements, then skills of the chosen track, then the skill order.
        """
        strongest = {}
        for stage in self.stages_up_to_target():
            for requirement in stage.requirements.all():
                held = strongest.get(requirement.skill_id)
                if held is None or (requirement.level or UNSTATED_THRESHOLD) >= (held[0].level or UNSTATED_THRESHOLD):
                    strongest[requirement.skill_id] = (requirement, stage)
        found = [self._requirement(requirement, stage) for requirement, stage in strongest.values()]
        return sorted(
            found,
            key=lambda r: (
                -r.distance,
                r.stage.pk != self.stage.pk,
                not r.in_track,
                -r.required,
                r.skill.category.order,
                r.skill.order,
                r.skill.pk,
            ),
        )

    unstated_level_rule = UNSTATED_LEVEL_RULE

    def has_unstated_levels(self):
        return any(not r.level_given for r in [*self.requirements, *self.next_requirements()])

    def gaps(self):
        return [requirement for requirement in self.requirements if requirement.status != Status.MET]

    def met(self):
        return [requirement for requirement in self.requirements if requirement.status == Status.MET]

    def next_stage(self):
        return next((stage for stage in self.catalog.stages if stage.order > self.stage.order), None)

    def next_requirements(self):
        stage = self.next_stage()
        if stage is None:
            return []
        found = [self._requirement(requirement, stage) for requirement in stage.requirements.all()]
        return sorted(found, key=lambda r: (-r.distance, -r.required, r.skill.order, r.skill.pk))

    def track_skills(self):
        """The chosen track's skills with the person's rating, weakest first (the source sets no level for them)."""
        skills = [skill for skill in self.catalog.skills if skill.pk in self._track_skills]
        rows = [TrackSkill(skill, self.rating(skill), RATING_LABELS[self.rating(skill)]) for skill in skills]
        return sorted(rows, key=lambda row: (row.current, row.skill.category.order, row.skill.order))

    def salary_band(self):
        """The 001 band the site reads for the target stage (salaries.models.STAGE_READING: 001 maps none)."""
        index = next(i for i, stage in enumerate(self.catalog.stages) if stage.pk == self.stage.pk)
        return SalaryBand.for_stage(self.catalog.bands, index)

    def city_comparison(self):
        """The chosen city's 2010 average against the 2010 average over all cities, and what it means today (None
        without a city)."""
        if self.city_salary is None:
            return None
        overall = CitySalary.objects.summary()
        difference = self.city_salary.average_monthly - overall["average"]
        return {
            "salary": self.city_salary,
            "overall": overall,
            "difference": difference,
            "amount": abs(difference),
            "percent": round(abs(difference) * 100 / overall["average"]),
            "dataset": self.city_salary.dataset,
            "adjustment": self.catalog.adjustment,
            "today": self.catalog.adjustment.of(self.city_salary.average_monthly) if self.catalog.adjustment else None,
        }

    def summary(self):
        requirements = self.requirements
        counts = {status: sum(r.status == status for r in requirements) for status in Status}
        return {
            "total": len(requirements),
            "met": counts[Status.MET],
            "partly": counts[Status.PARTLY],
            "missing": counts[Status.MISSING],
            "distance": sum(r.distance for r in requirements),
        }
