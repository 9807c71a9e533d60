"""Self-assessment: from a person's own ratings to the gaps between them and a target stage.

Nothing a person answers is stored. `Catalog` reads everything an assessment can refer to with a fixed number of
queries, once per data version in each process (`Catalog.current()`), so the form, the result page and the API
cost the same whatever the data holds; `Assessment` is plain computation on top of it.
"""

import threading
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import NamedTuple
from urllib.parse import urlencode

from django.db import models
from django.db.models import Value
from django.urls import get_script_prefix

from core.models import DataVersion
from progression.models import (
    UNSTATED_LEVEL_LABEL,
    UNSTATED_LEVEL_RULE,
    LevelBasis,
    Resource,
    Stage,
    StageRequirement,
    Track,
)
from salaries.adjustment import Adjustment
from salaries.models import CitySalary, SalaryBand, statistics_of
from skills.models import MasteryLevel, Skill, SkillLevel

# Ratings travel in the query string as skill-<slug>=<0..3>, apart from whatever else a shared link picks up.
SKILL_PREFIX = "skill-"
NOT_YET = 0
# The sources name three levels; a person rating themself also needs "not yet", which no requirement uses.
RATINGS = [(NOT_YET, "尚未掌握"), *MasteryLevel.choices]
# A skill the person did not rate is "未评": nothing is assumed for it, neither 尚未掌握 nor anything else.
UNRATED_LABEL = "未评"
RATING_LABELS = {**dict(RATINGS), None: UNRATED_LABEL}
HIGHEST = MasteryLevel.EXPERT
UNRATED_RULE = "没有评分的技能记为“未评”：本站不替你猜，它既不算已达到，也不算差距，只列出来，补评后才有结论。"
# The data version a plan was made with travels in its link, so a later visit can say what changed since.
VERSION_PARAMETER = "v"


class Status(models.TextChoices):
    MET = "met", "已达到"
    PARTLY = "partly", "部分达到"
    MISSING = "missing", "尚未掌握"
    UNRATED = "unrated", "未评"


class Catalog:
    """Every stage, track, skill, resource and salary an assessment may use, as of one data version.

    Each collection is read on first use, so a page that needs only the stages (the goal step) reads only them.
    The records are shared by every request that sees the same version and must not be changed by any of them.
    """

    _held = None
    _lock = threading.Lock()

    def __init__(self, version=""):
        # The data version the collections are at least as new as: read before any of them.
        self.version = version
        self._derived = {}

    @classmethod
    def current(cls, version=None):
        """The catalog of the current data version, kept in the process until the version changes.

        The data never changes between edits, and every edit changes the version in its own transaction, so a
        request that reads the version first and then the data can only store data as new as the version or
        newer, never older data under a new version. One version at a time: a new one replaces the old.
        `version` is the one the request has already read (core.versioning.data_version), if any.
        """
        version = version or DataVersion.current_token()
        with cls._lock:
            held = cls._held
            if held is None or held.version != version:
                held = cls._held = cls(version)
        return held

    def derived(self, key, build):
        """What a caller computes from this catalog alone (`build()`), kept as long as the catalog: once per data
        version and key. Like the records, the result is shared and must not be changed."""
        try:
            return self._derived[key]
        except KeyError:
            return self._derived.setdefault(key, build())

    def skill_url(self, skill):
        """A skill's page, reversed once per catalog (a result page links a dozen skills)."""
        return self.derived(("skill url", get_script_prefix(), skill.pk), skill.get_absolute_url)

    @cached_property
    def skills(self):
        return list(Skill.objects.select_related("category"))

    @cached_property
    def skills_by_slug(self):
        return {skill.slug: skill for skill in self.skills}

    @cached_property
    def skills_by_pk(self):
        return {skill.pk: skill for skill in self.skills}

    @cached_property
    def stages(self):
        return list(Stage.objects.all())

    @cached_property
    def _requirements_by_stage(self):
        """{stage pk: its requirements}, read in one plain query rather than prefetched, which cost twice as much.
        Unordered: the model's ordering joins three tables, and every list of requirements an assessment shows is
        sorted by its own complete key, so the order they are read in can change nothing."""
        grouped = {}
        for requirement in StageRequirement.objects.order_by():
            grouped.setdefault(requirement.stage_id, []).append(requirement)
        return grouped

    def requirements_of(self, stage):
        return self._requirements_by_stage.get(stage.pk, [])

    @cached_property
    def tracks(self):
        return list(Track.objects.all())

    @cached_property
    def resources(self):
        return list(Resource.objects.for_learning())

    @cached_property
    def _skill_facts(self):
        """The skills the tracks and the resources name, and what each skill's levels mean, in one query: small
        rows of three tables, each as (owner, its pk or the level, skill pk, text)."""

        def owner(name):
            return Value(name, output_field=models.CharField())

        no_text = Value("", output_field=models.TextField())
        tracks = Track.skills.through.objects.annotate(owner=owner("track"), text=no_text)
        resources = Resource.skills.through.objects.annotate(owner=owner("resource"), text=no_text)
        levels = SkillLevel.objects.annotate(owner=owner("level")).order_by()
        rows = tracks.values_list("owner", "track_id", "skill_id", "text").union(
            resources.values_list("owner", "resource_id", "skill_id", "text"),
            levels.values_list("owner", "level", "skill_id", "description"),
            all=True,
        )
        links, descriptions = {}, {}
        for model_name, number, skill, text in rows:
            if model_name == "level":
                descriptions.setdefault(skill, {})[number] = text
            else:
                links.setdefault((model_name, number), set()).add(skill)
        return links, descriptions

    def level_descriptions(self, skill):
        """{level: what the source says it means} for a skill ({} when it says nothing)."""
        return self._skill_facts[1].get(skill.pk, {})

    def skill_pks(self, record):
        """The pks of the skills a track or a resource names."""
        return self._skill_facts[0].get((record._meta.model_name, record.pk), set())

    @cached_property
    def salaries(self):
        return list(CitySalary.objects.with_city())

    @cached_property
    def bands(self):
        return list(SalaryBand.objects.all())

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
        return [resource for resource in self.resources if skill.pk in self.skill_pks(resource)]

    def general_resources(self):
        """Resources the sources tie to no particular skill: channels, books, advice on choosing training."""
        return [resource for resource in self.resources if not self.skill_pks(resource)]


# A requirement whose source names the skill without a level counts as met from this rating on (the site's rule,
# stated with it on the result page and in the API as UNSTATED_LEVEL_RULE); it never shows as a target level.
UNSTATED_THRESHOLD = MasteryLevel.BEGINNER


@dataclass
class Requirement:
    """One skill a stage asks for, set against the person's own rating.

    `level` is the stage's target level, None where the source sets none; `required` is the rating that counts
    as meeting it (the level, or UNSTATED_THRESHOLD); `current` is None for a skill the person did not rate."""

    skill: Skill
    stage: Stage
    level: int | None
    current: int | None
    level_basis: str = LevelBasis.STATED
    level_note: str = ""
    in_track: bool = False
    resources: list = field(default_factory=list)
    skill_url: str = ""
    # What the source says the required level means for this skill ("" when it says nothing or sets no level).
    target_description: str = ""

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
    def rated(self):
        return self.current is not None

    @property
    def distance(self):
        """Levels still to go; an unrated skill has no known distance and adds nothing."""
        return max(self.required - self.current, 0) if self.rated else 0

    @property
    def status(self):
        if not self.rated:
            return Status.UNRATED
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


class TrackSkill(NamedTuple):
    """A skill of the chosen track with the person's rating (the sources set no level for track skills)."""

    skill: Skill
    current: int | None
    current_label: str
    skill_url: str


class Assessment:
    """The gap report for one set of answers; `ratings` maps skill slug to 0–3, a skill left out is unrated
    (UNRATED_RULE): it is listed, never counted as met or as a gap."""

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
        self._track_skills = catalog.skill_pks(track)

    def query_string(self, version=""):
        """The answers as the result page's query string: the plan's shareable address (with the data version it
        was made with, when given). Unrated skills are left out, as the form leaves them out."""
        pairs = [("stage", self.stage.slug), ("track", self.track.slug)]
        if self.city_salary is not None:
            pairs.append(("city", self.city_salary.city.slug))
        if version:
            pairs.append((VERSION_PARAMETER, version))
        pairs += [
            (SKILL_PREFIX + skill.slug, self.rating(skill)) for skill in self.catalog.skills if self.is_rated(skill)
        ]
        return urlencode(pairs)

    def rating(self, skill):
        return self.ratings.get(skill.slug)

    def is_rated(self, skill):
        return self.rating(skill) is not None

    def needed_skills(self):
        """What the target needs rated: the skills of its requirements (earlier stages' included) and the track's
        skills, in the skill pages' order."""
        needed = {r.skill.pk for r in self.requirements} | self._track_skills
        return [skill for skill in self.catalog.skills if skill.pk in needed]

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
            skill_url=self.catalog.skill_url(skill),
            target_description=self.catalog.level_descriptions(skill).get(requirement.level, ""),
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
            for requirement in self.catalog.requirements_of(stage):
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
        return [
            requirement for requirement in self.requirements if requirement.status in (Status.PARTLY, Status.MISSING)
        ]

    def unrated(self):
        return [requirement for requirement in self.requirements if not requirement.rated]

    unrated_rule = UNRATED_RULE

    def met(self):
        return [requirement for requirement in self.requirements if requirement.status == Status.MET]

    def next_stage(self):
        return next((stage for stage in self.catalog.stages if stage.order > self.stage.order), None)

    def next_requirements(self):
        stage = self.next_stage()
        if stage is None:
            return []
        found = [self._requirement(requirement, stage) for requirement in self.catalog.requirements_of(stage)]
        return sorted(found, key=lambda r: (-r.distance, -r.required, r.skill.order, r.skill.pk))

    def track_skills(self):
        """The chosen track's skills with the person's rating, weakest first (the source sets no level for them)."""
        skills = [skill for skill in self.catalog.skills if skill.pk in self._track_skills]
        rows = [
            TrackSkill(skill, self.rating(skill), RATING_LABELS[self.rating(skill)], self.catalog.skill_url(skill))
            for skill in skills
        ]
        # Unrated last: nothing is known about them.
        return sorted(
            rows,
            key=lambda row: (row.current is None, row.current or 0, row.skill.category.order, row.skill.order),
        )

    def salary_band(self):
        """The 001 band the site reads for the target stage (salaries.models.STAGE_READING: 001 maps none)."""
        index = next(i for i, stage in enumerate(self.catalog.stages) if stage.pk == self.stage.pk)
        return SalaryBand.for_stage(self.catalog.bands, index)

    def city_comparison(self):
        """The chosen city's 2010 average against the 2010 average over all cities, and what it means today (None
        without a city)."""
        if self.city_salary is None:
            return None
        overall = statistics_of([salary.average_monthly for salary in self.catalog.salaries])
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

    def changes_since(self, version):
        """What the guide changed in this plan's skills and requirements after the data version `version` (the
        plan link's `v`): None when nothing can be said (no version, or one this site did not make), an empty
        ChangesSince when nothing changed."""
        moment = DataVersion.time_of(version) if version else None
        if moment is None:
            return None
        if version == self.catalog.version:
            # Every edit moves the version: a plan made at the current one has nothing to catch up on, and a shared
            # link is mostly opened before the next edit.
            return ChangesSince.nothing(moment)
        return ChangesSince(self, moment)

    def summary(self):
        requirements = self.requirements
        counts = {status: sum(r.status == status for r in requirements) for status in Status}
        return {
            "total": len(requirements),
            "met": counts[Status.MET],
            "partly": counts[Status.PARTLY],
            "missing": counts[Status.MISSING],
            "unrated": counts[Status.UNRATED],
            "distance": sum(r.distance for r in requirements),
        }


class Change(NamedTuple):
    """One part of a plan the guide changed after the plan was made."""

    skill: Skill
    what: str


class ChangesSince:
    """What the guide changed, after `moment`, in the skills and requirements one plan shows.

    Read from the edit history (django-simple-history), not stored with the plan: four queries whatever the
    plan holds, each limited to the plan's skills and stages.
    """

    def __init__(self, assessment, moment):
        self.moment = moment
        catalog = assessment.catalog
        skills = {skill.pk for skill in assessment.needed_skills()}
        skills |= {r.skill.pk for r in assessment.next_requirements()}
        stages = [*assessment.stages_up_to_target(), *filter(None, [assessment.next_stage()])]
        stage_names = {stage.pk: stage.name for stage in stages}
        after = {"history_date__gt": moment}
        found = []
        for pk in Skill.history.filter(id__in=skills, **after).values_list("id", flat=True).distinct():
            found.append(Change(catalog.skills_by_pk[pk], "技能的说明"))
        levels = SkillLevel.history.filter(skill_id__in=skills, **after)
        for pk in levels.values_list("skill_id", flat=True).distinct():
            found.append(Change(catalog.skills_by_pk[pk], "各掌握程度的说明"))
        requirements = StageRequirement.history.filter(skill_id__in=skills, stage_id__in=stage_names, **after)
        for skill_pk, stage_pk in requirements.values_list("skill_id", "stage_id").distinct():
            found.append(Change(catalog.skills_by_pk[skill_pk], f"{stage_names[stage_pk]}对它的要求"))
        self.stages = [
            stage_names[pk]
            for pk in Stage.history.filter(id__in=stage_names, **after).values_list("id", flat=True).distinct()
        ]
        order = {skill.pk: index for index, skill in enumerate(catalog.skills)}
        self.changes = sorted(set(found), key=lambda change: (order[change.skill.pk], change.what))

    @classmethod
    def nothing(cls, moment):
        changes = cls.__new__(cls)
        changes.moment, changes.changes, changes.stages = moment, [], []
        return changes

    def __bool__(self):
        return bool(self.changes or self.stages)
