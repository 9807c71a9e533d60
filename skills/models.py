from functools import cache

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from core.text_search import contains_any
from core.validators import NAME_VALIDATORS, no_control_characters


@cache
def source_text(filename):
    """The unchanged text of one source document (read once per process)."""
    return (settings.SOURCES_DIR / filename).read_text(encoding="utf-8")


class Source(models.Model):
    class Language(models.TextChoices):
        SIMPLIFIED = "zh-hans", "简体中文"
        TRADITIONAL = "zh-hant", "繁体中文"

    slug = models.SlugField("编号", max_length=20, unique=True)
    filename = models.CharField("文件名", max_length=100, unique=True)
    title = models.CharField("标题", max_length=200)
    author = models.CharField("作者", max_length=100, blank=True)
    publisher = models.CharField("发布者", max_length=200, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    language = models.CharField("原文字体", max_length=10, choices=Language, default=Language.SIMPLIFIED)
    summary = models.TextField("贡献内容", help_text="这份文档为本站提供了哪些内容。")
    order = models.PositiveSmallIntegerField("排序", default=0)
    # Rights as the document itself states them; blank where it says nothing (shown as RIGHTS_UNSTATED).
    rights_holder = models.CharField("版权所有者", max_length=200, blank=True, help_text="原文未说明时留空。")
    terms = models.TextField("使用条件", blank=True, help_text="原文对使用、转载的规定;原文未说明时留空。")
    rights_notice = models.TextField(
        "版权说明原文", blank=True, help_text="原文自带的版权说明,逐字照录(繁体来源保留繁体);没有时留空。"
    )
    original_url = models.URLField("原始网址", blank=True, help_text="原文给出或已知的网址;不知道时留空。")
    retrieved_on = models.DateField("获取日期", null=True, blank=True, help_text="取得这份文档的日期;不知道时留空。")

    RIGHTS_UNSTATED = "原文没有说明版权归属和使用条件。"
    UNKNOWN = "不详"

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = verbose_name_plural = "来源文档"

    def __str__(self):
        return f"{self.slug} {self.title}"

    def get_absolute_url(self):
        return reverse("source", args=[self.slug])

    def clean(self):
        if self.rights_notice and self.filename and not self.contains(self.rights_notice):
            raise ValidationError({"rights_notice": "版权说明必须与来源文档中的文字完全一致,请逐字复制原文。"})

    @property
    def rights_stated(self):
        return bool(self.rights_holder or self.terms)

    def rights_statement(self):
        """One line on this document's rights, for places with room for no more (a CSV cell, a list)."""
        if not self.rights_stated:
            return self.RIGHTS_UNSTATED
        parts = [f"版权所有者:{self.rights_holder}" if self.rights_holder else "", self.terms]
        return ";".join(part for part in parts if part)

    def text(self):
        return source_text(self.filename)

    def contains(self, quote):
        return bool(quote) and quote in self.text()

    def check_quote(self, quote):
        """The one rule of provenance, used by the admin, the API and the loader: a quote is copied verbatim."""
        if not self.contains(quote):
            raise ValidationError(f"引文没有原样出现在来源文档 {self.slug} 中,请逐字复制原文。", code="not_verbatim")


class CitationQuerySet(models.QuerySet):
    def quoted(self, records, known=None):
        """{model: {pk: [{"source": slug, "quote": quote}, …]}} for `records` = {model: pks}: the citations of
        several kinds of record as the API shows them, in their order, in one query and without model instances.
        `known`: what `by_record()` read for a response showing records of every kind, looked up instead."""
        if known is None:
            wanted = models.Q(pk__in=[])
            for model, pks in records.items():
                wanted |= models.Q(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)
            known = self.filter(wanted).by_record()
        return {model: {pk: known.get((model, pk), []) for pk in pks} for model, pks in records.items()}

    def by_record(self):
        """{(model, pk): [{"source": slug, "quote": quote}, …]} for these citations, in one query; on all of them,
        what `quoted` needs for a read that shows every record of every kind (the bulk download)."""
        found = {}
        for content_type, object_id, source, quote in self.values_list(
            "content_type_id", "object_id", "source__slug", "quote"
        ):
            model = ContentType.objects.get_for_id(content_type).model_class()
            found.setdefault((model, object_id), []).append({"source": source, "quote": quote})
        return found

    def sharing_sources(self):
        """The citations with their sources, as select_related("source") gives them but with one Source per
        document rather than one per citation: a page's hundred citations quote five documents, and building a
        Source for each row was half of what reading them cost."""
        own = [field.attname for field in self.model._meta.concrete_fields]
        theirs = [field.attname for field in Source._meta.concrete_fields]
        sources, split = {}, len(own)
        for row in self.values_list(*own, *(f"source__{name}" for name in theirs)):
            citation = self.model.from_db(self.db, own, row[:split])
            if citation.source_id not in sources:
                sources[citation.source_id] = Source.from_db(self.db, theirs, row[split:])
            self.model.source.field.set_cached_value(citation, sources[citation.source_id])
            yield citation


class Citation(models.Model):
    """Provenance of one record: the source document and a quote that occurs in it verbatim."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations", verbose_name="来源")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    quote = models.TextField("引文", help_text="必须与来源文档中的文字完全一致(繁体来源保留繁体)。")
    order = models.PositiveSmallIntegerField("排序", default=0)
    # A citation changed or deleted by mistake can be brought back from its history, like the record it supports.
    history = HistoricalRecords()

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["source__order", "order", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = verbose_name_plural = "引用"

    def __str__(self):
        return f"{self.source.slug}: {self.quote[:30]}"

    def clean(self):
        if self.source_id:
            try:
                self.source.check_quote(self.quote)
            except ValidationError as error:
                raise ValidationError({"quote": error.messages}) from None


def with_sources(lookup="citations"):
    """Prefetch of a record's citations (or those at `lookup`, e.g. "levels__citations") with their documents:
    one query per kind of record, not two as "citations__source" takes."""
    return models.Prefetch(lookup, queryset=Citation.objects.select_related("source"))


def with_citations(*querysets):
    """The records of several querysets, as lists, each with its citations and their documents prefetched (as
    `with_sources` does), in one query for all of them instead of one per kind of record: a page that shows five
    kinds of cited records stays within its query budget."""
    groups = [list(queryset) for queryset in querysets]
    records = {}
    wanted = models.Q(pk__in=[])
    for group in groups:
        if group:
            content_type = ContentType.objects.get_for_model(group[0])
            records.update({(content_type.pk, record.pk): record for record in group})
            wanted |= models.Q(content_type=content_type, object_id__in=[record.pk for record in group])
    found = {key: [] for key in records}
    for citation in Citation.objects.filter(wanted).sharing_sources():
        found[(citation.content_type_id, citation.object_id)].append(citation)
    for key, record in records.items():
        # What Django's prefetch leaves behind, so record.citations.all() reads the list without a query. (Not
        # record.citations.all() itself: on a record not yet prefetched, that compiles a filter per record.)
        cached = Citation.objects.all()
        cached._result_cache, cached._prefetch_done = found[key], True
        record.__dict__.setdefault("_prefetched_objects_cache", {})["citations"] = cached
    return groups


class Cited(models.Model):
    """A record that carries its provenance."""

    citations = GenericRelation(Citation)

    class Meta:
        abstract = True


class MasteryLevel(models.IntegerChoices):
    BEGINNER = 1, "入门"
    PROFICIENT = 2, "熟练"
    EXPERT = 3, "精通"

    @classmethod
    def labels_by_value(cls):
        """{1: "入门", …}, as get_level_display() reads the choices (a value without a label stays itself)."""
        return dict(cls.choices)


class SkillCategory(Cited):
    slug = models.SlugField("标识", unique=True)
    name = models.CharField("名称", max_length=50, unique=True, validators=NAME_VALIDATORS)
    name_en = models.CharField("英文名称", max_length=50, blank=True)
    description = models.TextField("说明", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "技能类别"

    def __str__(self):
        return self.name


class SkillQuerySet(models.QuerySet):
    def with_levels(self):
        return self.select_related("category").prefetch_related("levels", "aliases")

    def with_details(self):
        return self.with_levels().prefetch_related(with_sources())

    def with_context(self):
        """Everything the skill page shows: details, the stages that need the skill and what teaches it."""
        return (
            self.with_details()
            .prefetch_related(with_sources("levels__citations"), "requirements__stage", "resources")
            .with_edit_status()
        )

    def with_edit_status(self):
        """Annotate `hr_edited` (see Skill.last_edited) in the same query, for lists and pages."""
        return self.annotate(hr_edited=ExpressionWrapper(edited_by_a_user(), output_field=models.BooleanField()))

    def coverage(self):
        """How many of these skills the sources describe how far: {total, with_scenario, with_levels}, one query.

        What a page may say about "every skill" comes from here, not from what the best-described skills have.
        """
        return self.order_by().aggregate(
            total=Count("pk", distinct=True),
            with_scenario=Count("pk", filter=~Q(scenario=""), distinct=True),
            with_levels=Count("pk", filter=Q(levels__isnull=False), distinct=True),
        )

    def matching(self, *terms):
        """Skills whose name, alias, category or text contains one of the (already Simplified) terms."""
        return self.filter(contains_any(Skill.searched_fields, terms)).distinct()


def edited_by_a_user(pk=None):
    """Whether a person changed the skill, one of its levels or one of its aliases after the loader put it in:
    a history record made by a user (admin, import or API). The version cannot tell: loading a skill's levels
    and aliases moves it on too. `pk` for one skill; without it, a condition on the outer query's skill."""
    skill = pk if pk is not None else OuterRef("pk")
    by_user = Q(history_user__isnull=False)
    return (
        Q(Exists(Skill.history.model.objects.filter(by_user, id=skill)))
        | Q(Exists(SkillLevel.history.model.objects.filter(by_user, skill_id=skill)))
        | Q(Exists(SkillAlias.history.model.objects.filter(by_user, skill_id=skill)))
    )


def name_clash(name, skill=None, *, alias=False):
    """Names and aliases share one namespace across all skills: why `name` cannot be used, or "" when it can.

    `skill` is the skill the name or alias belongs to (None while it is new); `alias` says whether `name` is
    meant as one of its aliases or as its name. The admin, the import, the API and the loader all ask here.
    """
    pk = getattr(skill, "pk", None)
    if alias and skill is not None and name == skill.name:
        return "别名不能与技能本身的名称相同。"
    if alias and (other := Skill.objects.filter(name=name).exclude(pk=pk).first()):
        return f"「{name}」已经是技能「{other.name}」的名称,名称和别名在所有技能中都不能重复。"
    owner = SkillAlias.objects.filter(name=name).exclude(skill_id=pk).select_related("skill").first()
    if owner and alias:
        return f"这个别名已被其他技能使用:「{name}」是技能「{owner.skill.name}」的别名。"
    if owner:
        return f"「{name}」已经是技能「{owner.skill.name}」的别名,名称和别名在所有技能中都不能重复。"
    return ""


class EditConflict(Exception):
    """Someone saved the skill after this editor opened it; saving now would silently undo their edit."""

    message = (
        "保存失败:在您编辑期间,其他人已经修改并保存了这项技能。您的修改没有保存,请重新打开页面,查看最新内容后再修改。"
    )

    def __init__(self):
        super().__init__(self.message)


class Skill(Cited):
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name="类别")
    slug = models.SlugField("标识", max_length=80, unique=True, help_text="网址中使用的英文标识。")
    name = models.CharField("名称", max_length=50, unique=True, validators=NAME_VALIDATORS)
    definition = models.TextField("定义", validators=[no_control_characters])
    scenario = models.TextField("应用场景", blank=True, validators=[no_control_characters])
    importance = models.TextField("重要性", blank=True, validators=[no_control_characters])
    market_demand = models.TextField("市场需求", blank=True, validators=[no_control_characters])
    impact = models.TextField("影响程度", blank=True, validators=[no_control_characters])
    order = models.PositiveSmallIntegerField("排序", default=0)
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    history = HistoricalRecords()

    objects = SkillQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = (
        "name",
        "aliases__name",
        "category__name",
        "definition",
        "scenario",
        "importance",
        "market_demand",
        "impact",
        "levels__description",
    )

    class Meta:
        ordering = ["category__order", "order", "pk"]
        verbose_name = verbose_name_plural = "技能"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("skills:detail", args=[self.slug])

    def clean(self):
        errors = {}
        # An empty definition is refused by the field itself; this catches text that is only blanks.
        if self.definition and not self.definition.strip():
            errors["definition"] = "定义不能为空。"
        if self.name and (clash := name_clash(self.name, self)):
            errors["name"] = clash
        if errors:
            raise ValidationError(errors)

    @classmethod
    def slug_from_name(cls, name, exclude_pk=None):
        """A free URL slug spelled in pinyin, for a skill whose editor left the slug empty."""
        # Imported here: pypinyin's dictionaries cost every worker ~55 MB, and only an editor saving a skill
        # without a slug ever needs them.
        from pypinyin import lazy_pinyin

        base = slugify("-".join(lazy_pinyin(name)))[:70].strip("-") or "skill"
        taken = set(cls.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def last_edited(self):
        """When HR last changed the skill, or None while it is as loaded from its sources.

        Seeded content is dated by its sources (or says they give no date); "最后修改" with the load time would
        read as "updated today" for a 2010 page. Page and API both ask here.
        """
        edited = getattr(self, "hr_edited", None)
        if edited is None:
            edited = Skill.objects.filter(edited_by_a_user(self.pk), pk=self.pk).exists()
        return self.updated_at if edited else None

    def stored_version(self):
        return Skill.objects.filter(pk=self.pk).values_list("version", flat=True).first()

    def claim_version(self, expected):
        """Move the stored version on from the one the editor started from, or raise EditConflict.

        A single conditional UPDATE, so of two simultaneous saves only one can match; on PostgreSQL the row
        stays locked until the editor's transaction ends.
        """
        claimed = Skill.objects.filter(pk=self.pk, version=expected).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        if not claimed:
            raise EditConflict()
        self.version = expected + 1

    @classmethod
    def mark_changed(cls, pk):
        """Make forms and clients holding an older version stale, as if the skill itself had been saved."""
        cls.objects.filter(pk=pk).update(version=F("version") + 1, updated_at=timezone.now())


class SkillAlias(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases", verbose_name="技能")
    name = models.CharField("别名", max_length=50, unique=True, validators=NAME_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "技能别名"

    def __str__(self):
        return self.name

    def clean(self):
        try:
            skill = self.skill  # on a new skill's page, the unsaved skill the inline form belongs to
        except Skill.DoesNotExist:
            skill = None
        if self.name and (clash := name_clash(self.name, skill, alias=True)):
            raise ValidationError({"name": clash})


class SkillLevel(Cited):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="levels", verbose_name="技能")
    level = models.PositiveSmallIntegerField("掌握程度", choices=MasteryLevel)
    description = models.TextField("描述", validators=[no_control_characters])
    history = HistoricalRecords()

    class Meta:
        ordering = ["skill", "level"]
        constraints = [models.UniqueConstraint(fields=["skill", "level"], name="one_description_per_level")]
        verbose_name = verbose_name_plural = "掌握程度"

    def __str__(self):
        return f"{self.skill} · {self.get_level_display()}"


def skill_part_changed(sender, instance, raw=False, **kwargs):
    # A level or alias is part of its skill: whoever edits one (admin, import, API, a revert from history)
    # makes every form and client holding the skill's old version stale. A restore (raw) writes rows as they were.
    if not raw:
        Skill.mark_changed(instance.skill_id)


for part in (SkillLevel, SkillAlias):
    models.signals.post_save.connect(skill_part_changed, sender=part, dispatch_uid=f"skill-part-saved-{part.__name__}")
    models.signals.post_delete.connect(skill_part_changed, sender=part, dispatch_uid=f"skill-part-gone-{part.__name__}")
