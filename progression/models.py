from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.text_search import contains_any, labels_containing
from core.validators import NAME_VALIDATORS
from skills.models import Cited, MasteryLevel, Skill, with_sources


def lines(text):
    """Items kept one per line in a text field, for lists HR edit as plain text."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class StageQuerySet(models.QuerySet):
    def with_requirements(self):
        return self.with_requirement_skills().prefetch_related(with_sources())

    def with_requirement_skills(self):
        """Each stage's requirements with their skills: one query joined, where "requirements__skill" takes two,
        and a prefetch costs a reader after an edit more than the rows it reads."""
        return self.prefetch_related(
            models.Prefetch("requirements", queryset=StageRequirement.objects.select_related("skill"))
        )

    def matching(self, *terms):
        """Stages whose name, phase or text contains one of the (already Simplified) terms."""
        return self.filter(contains_any(Stage.searched_fields, terms))


class Stage(Cited):
    slug = models.SlugField("标识", unique=True)
    order = models.PositiveSmallIntegerField("顺序", unique=True)
    name = models.CharField("名称", max_length=20, unique=True, help_text="如:入职期", validators=NAME_VALIDATORS)
    phase = models.CharField("阶段", max_length=50, help_text="如:入门阶段")
    skill_needs = models.TextField("技能需求")
    strategy = models.TextField("提升策略")
    history = HistoricalRecords()

    objects = StageQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("name", "phase", "skill_needs", "strategy")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "发展阶段"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("progression:stage", args=[self.slug])

    def added_by(self, later):
        """What `later` asks beyond this stage: (requirements for skills new to it, (this, later) pairs whose
        level rises). A rise is claimed only where both levels are set: "来源未规定程度" compares with nothing."""
        mine = {requirement.skill_id: requirement for requirement in self.requirements.all()}
        new, raised = [], []
        for requirement in later.requirements.all():
            current = mine.get(requirement.skill_id)
            if current is None:
                new.append(requirement)
            elif current.level and requirement.level and requirement.level > current.level:
                raised.append((current, requirement))
        return new, raised


class LevelBasis(models.TextChoices):
    """How a stage requirement's target level was read from its source."""

    UNSTATED = "unstated", "来源未规定程度"
    STATED = "stated", "来源写明"
    READING = "reading", "本站解读"


# Shown wherever a requirement has no level, and the rule the self-assessment counts it by.
UNSTATED_LEVEL_LABEL = "来源未规定程度"
UNSTATED_LEVEL_RULE = "来源只写了需要这项技能、没有规定掌握程度(来源未规定程度)时,本站按这条规则计算:自评达到入门或以上,就算具备这项技能。"


class StageRequirementQuerySet(models.QuerySet):
    def by_level(self):
        """Highest level first and, within a level, skills in the taxonomy's order; the model's ordering leaves
        skills of equal `order` in different categories to the database, which PostgreSQL and SQLite break
        differently."""
        return self.order_by("-level", "skill__category__order", "skill__order", "skill__pk")


class StageRequirement(Cited):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="requirements", verbose_name="阶段")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="requirements", verbose_name="技能")
    level = models.PositiveSmallIntegerField(
        "目标掌握程度", choices=MasteryLevel, null=True, blank=True, help_text="来源没有规定程度时留空。"
    )
    level_basis = models.CharField(
        "程度的依据",
        max_length=10,
        choices=LevelBasis,
        default=LevelBasis.UNSTATED,
        help_text="来源写明:引文里有这个程度的字样(熟练、精通……);本站解读:来源用了别的说法(如“基础”“初级”),"
        "本站把它读作某个程度,必须在“解读说明”里写明;来源未规定程度:目标掌握程度留空。",
    )
    level_note = models.TextField(
        "解读说明", blank=True, help_text="程度的依据为“本站解读”时必填:说明怎样从原文读出这个程度。"
    )
    history = HistoricalRecords()

    objects = StageRequirementQuerySet.as_manager()

    class Meta:
        ordering = ["stage__order", "-level", "skill__category__order", "skill__order", "skill__pk"]
        constraints = [models.UniqueConstraint(fields=["stage", "skill"], name="one_requirement_per_stage_skill")]
        verbose_name = verbose_name_plural = "阶段技能要求"

    def __str__(self):
        return f"{self.stage} · {self.skill} · {self.level_label}"

    @property
    def level_label(self):
        return self.label_of(self.level)

    @staticmethod
    def label_of(level):
        """What a target level is called (get_level_display), or that the source sets none: for rows read
        without a model instance too."""
        return MasteryLevel.labels_by_value().get(level, level) if level else UNSTATED_LEVEL_LABEL

    @property
    def is_site_reading(self):
        return self.level_basis == LevelBasis.READING

    def level_problems(self, quotes):
        """The one rule for a target level (admin, API, loader): a level only where a source states it, or as the
        site's reading with its explanation. `quotes` are the record's citation quotes."""
        problems = {}
        if self.level_basis == LevelBasis.UNSTATED and self.level is not None:
            problems["level"] = "程度的依据是“来源未规定程度”时,目标掌握程度必须留空。"
        if self.level_basis != LevelBasis.UNSTATED and self.level is None:
            problems["level"] = "请选择目标掌握程度,或把程度的依据改为“来源未规定程度”。"
        if self.level_basis == LevelBasis.READING and not self.level_note.strip():
            problems["level_note"] = "本站解读的程度必须写明解读说明。"
        if self.level_basis == LevelBasis.STATED and self.level is not None:
            word = MasteryLevel(self.level).label
            if not any(word in quote for quote in quotes):
                problems["level_basis"] = (
                    f"没有一条引文写着“{word}”:来源没有写明这个程度。请先保存写着这个程度的引文,"
                    "或改为“本站解读”并写明说明,或不设程度。"
                )
        return problems

    # Quotes about to be saved with this record (the loader, the admin page's citation rows): checked instead of
    # the stored ones, because citations are written after the record itself.
    pending_quotes = None

    def cited_quotes(self):
        if self.pending_quotes is not None:
            return self.pending_quotes
        return [citation.quote for citation in self.citations.all()] if self.pk else []

    def clean(self):
        if problems := self.level_problems(self.cited_quotes()):
            raise ValidationError(problems)


class TrackQuerySet(models.QuerySet):
    def matching(self, *terms):
        return self.filter(contains_any(Track.searched_fields, terms))

    def compared(self):
        return compare_tracks(list(self))


def compare_tracks(tracks):
    """The tracks side by side: each with what only it lists, and what every track shares (the sources may
    give both tracks one and the same list), so the page shows how they differ, from the data."""
    if not tracks:
        return {"tracks": [], "shared_growth": [], "shared_skills": [], "same_growth": False}
    shared_growth = [item for item in tracks[0].growth_list() if all(item in t.growth_list() for t in tracks)]
    skill_sets = [{skill.pk for skill in track.skills.all()} for track in tracks]
    shared_skills = set.intersection(*skill_sets)
    for track in tracks:
        track.own_growth = [item for item in track.growth_list() if item not in shared_growth]
        track.own_skills = [skill for skill in track.skills.all() if skill.pk not in shared_skills]
    shared_skill_list = [skill for skill in tracks[0].skills.all() if skill.pk in shared_skills]
    same_growth = len(tracks) > 1 and not any(track.own_growth for track in tracks)
    return {
        "tracks": tracks,
        "shared_growth": shared_growth,
        "shared_skills": shared_skill_list,
        "same_growth": same_growth,
    }


class Track(Cited):
    slug = models.SlugField("标识", unique=True)
    name = models.CharField("名称", max_length=20, unique=True, help_text="管理线或专业线", validators=NAME_VALIDATORS)
    order = models.PositiveSmallIntegerField("排序", default=0)
    traits = models.TextField("适合的特点", help_text="每行一项。")
    growth = models.TextField("需要增长的知识与能力", help_text="每行一项。")
    summary = models.TextField("小结", blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="tracks", verbose_name="相关技能")

    objects = TrackQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("name", "traits", "growth", "summary")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "发展通道"

    def __str__(self):
        return self.name

    def trait_list(self):
        return lines(self.traits)

    def growth_list(self):
        return lines(self.growth)


class ChallengeQuerySet(models.QuerySet):
    def matching(self, *terms):
        return self.filter(contains_any(Challenge.searched_fields, terms))


class Challenge(Cited):
    slug = models.SlugField("标识", unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    name = models.CharField("挑战", max_length=50, unique=True, validators=NAME_VALIDATORS)
    description = models.TextField("说明")
    strategy = models.TextField("应对策略")

    objects = ChallengeQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("name", "description", "strategy")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "职业挑战"

    def __str__(self):
        return self.name


class ResourceQuerySet(models.QuerySet):
    def with_skills(self):
        return self.prefetch_related("skills", with_sources())

    def matching(self, *terms):
        """Resources whose name, author, description or kind (书 → 书籍) contains one of the terms."""
        kinds = labels_containing(Resource.Kind.choices, terms)
        return self.filter(contains_any(Resource.searched_fields, terms) | models.Q(kind__in=kinds))

    def for_learning(self):
        """What one can learn from: not the customer-service centres 004 names only as examples of the job."""
        return self.exclude(kind=Resource.Kind.EXAMPLE)

    def examples(self):
        return self.filter(kind=Resource.Kind.EXAMPLE)

    def coverage(self):
        """{total, with_skills}: how many of these resources a source ties to the skills they build, one query."""
        return self.order_by().aggregate(
            total=models.Count("pk", distinct=True),
            with_skills=models.Count("pk", filter=models.Q(skills__isnull=False), distinct=True),
        )

    def by_kind(self):
        """(kind, resources) in the order the kinds are declared, skipping empty kinds; kind.label names a group."""
        resources = list(self)
        return [
            (kind, [resource for resource in resources if resource.kind == kind])
            for kind in Resource.Kind
            if any(resource.kind == kind for resource in resources)
        ]


class Resource(Cited):
    class Kind(models.TextChoices):
        COURSE = "course", "培训课程"
        CERTIFICATION = "certification", "认证机构"
        ASSOCIATION = "association", "行业协会"
        PLATFORM = "platform", "在线教育平台"
        BOOK = "book", "书籍"
        ADVICE = "advice", "选择培训机构的建议"
        LINK = "link", "相关资源链接"
        # 004 lists these under 相關資源鏈結: real customer-service centres, worth seeing, but nothing to learn from.
        EXAMPLE = "example", "客服中心实例（来源 004 提到）"

    slug = models.SlugField("标识", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind)
    name = models.CharField("名称", max_length=100, validators=NAME_VALIDATORS)
    author = models.CharField("作者", max_length=50, blank=True)
    url = models.URLField("网址", blank=True)
    description = models.TextField("说明", blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="resources", verbose_name="培养的技能")
    order = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords(m2m_fields=[skills])

    objects = ResourceQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("name", "author", "description")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "学习资源"

    def __str__(self):
        return self.name


class CareerAdviceQuerySet(models.QuerySet):
    def matching(self, *terms):
        return self.filter(contains_any(CareerAdvice.searched_fields, terms))


class CareerAdvice(Cited):
    slug = models.SlugField("标识", unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    title = models.CharField("标题", max_length=50)
    body = models.TextField("内容")

    objects = CareerAdviceQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("title", "body")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "职业建议"

    def __str__(self):
        return self.title


class StoryStepQuerySet(models.QuerySet):
    def matching(self, *terms):
        return self.filter(contains_any(StoryStep.searched_fields, terms))


class StoryStep(Cited):
    """One step of 阿妍's path as source 004 tells it (客服代表 → … → 培训讲师)."""

    order = models.PositiveSmallIntegerField("顺序", unique=True)
    role = models.CharField("岗位", max_length=20)
    description = models.TextField("经历")

    objects = StoryStepQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("role", "description")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "阿妍的职业经历(来源004)"

    def __str__(self):
        return self.role


class OverviewQuerySet(models.QuerySet):
    def in_section(self, section):
        return self.filter(section=section)

    def matching(self, *terms):
        """Entries whose title or text contains a term, or all of a section named by one (分类, 行业, 前景 …)."""
        sections = labels_containing(OverviewEntry.Section.choices, terms)
        return self.filter(contains_any(OverviewEntry.searched_fields, terms) | models.Q(section__in=sections))

    def by_section(self):
        """{section: [entries]} for every section, one query for the whole overview."""
        return OverviewEntry.by_section(self)


class OverviewEntry(Cited):
    """One fact about the occupation: what the work is, where it is done, how it is changing."""

    @staticmethod
    def by_section(entries):
        """{section: [entries]} for every section."""
        grouped = {section: [] for section in OverviewEntry.Section.values}
        for entry in entries:
            grouped[entry.section].append(entry)
        return grouped

    class Section(models.TextChoices):
        WORK = "work", "工作内容"
        BACKGROUND = "background", "职位背景"
        REQUIREMENT = "requirement", "职位技能要求"
        CLASSIFICATION = "classification", "客服分类"
        WORK_AREA = "work_area", "工作领域"
        ENVIRONMENT = "environment", "工作环境"
        INDUSTRY = "industry", "行业应用"
        STATUS = "status", "职业现状"
        TREND = "trend", "发展趋势"
        SCENARIO = "scenario", "未来工作场景"
        FUTURE_SKILL = "future_skill", "未来需要的技能"
        MAJOR = "major", "相关专业"
        CERTIFICATION = "certification", "职业认证"

    section = models.CharField("栏目", max_length=20, choices=Section)
    slug = models.SlugField("标识", max_length=80, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("内容", blank=True)
    points = models.TextField("要点", blank=True, help_text="每行一项。")
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="overview_entries",
        verbose_name="相关技能",
    )

    objects = OverviewQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("title", "body", "points")

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = verbose_name_plural = "职业概况"

    def __str__(self):
        return f"{self.get_section_display()} · {self.title}"

    def point_list(self):
        return lines(self.points)
