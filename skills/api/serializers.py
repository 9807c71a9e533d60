from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.reverse import reverse

from core.api.base import url_maker
from core.queries import Rows
from skills.models import (
    Citation,
    EditConflict,
    MasteryLevel,
    Skill,
    SkillAlias,
    SkillCategory,
    SkillLevel,
    Source,
    name_clash,
)


def grouped(pairs):
    """{key: [value, …]} from (key, value) rows, in their order."""
    groups = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups


def cited_rows(model, rows, context, view_name, fields, lookup="slug", sample="record"):
    """Rows of a cited record as most serializers here show one: its `url`, then what `fields(row)` gives, then
    its citations (one query for all rows). `sample` is a valid value of the route's `lookup` (see url_maker)."""
    cited = Citation.objects.quoted({model: [row["pk"] for row in rows]}, context.get("citations"))[model]
    url = url_maker(view_name, context.get("request"), **{lookup: sample})
    return [{"url": url(**{lookup: row[lookup]}), **fields(row), "citations": cited[row["pk"]]} for row in rows]


class SourceSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:source-detail", lookup_field="slug")
    rights_holder = serializers.CharField(read_only=True, help_text="版权所有者,按原文;原文未说明时为空。")
    terms = serializers.CharField(read_only=True, help_text="原文规定的使用条件;原文未说明时为空。")
    rights_notice = serializers.CharField(
        read_only=True, help_text="原文自带的版权说明,逐字照录(繁体来源保留繁体);没有时为空。"
    )
    rights = serializers.CharField(
        source="rights_statement",
        read_only=True,
        help_text="一句话的版权与使用条件;原文未说明时为“原文没有说明版权归属和使用条件。”",
    )
    original_url = serializers.CharField(read_only=True, help_text="原始网址;不知道时为空。")
    retrieved_on = serializers.DateField(read_only=True, allow_null=True, help_text="获取日期;不知道时为 null。")

    class Meta:
        model = Source
        fields = [
            "url",
            "slug",
            "title",
            "author",
            "publisher",
            "published_on",
            "language",
            "summary",
            "rights_holder",
            "terms",
            "rights_notice",
            "rights",
            "original_url",
            "retrieved_on",
        ]

    row_fields = (
        "pk",
        "slug",
        "title",
        "author",
        "publisher",
        "published_on",
        "language",
        "summary",
        "rights_holder",
        "terms",
        "rights_notice",
        "original_url",
        "retrieved_on",
    )

    @classmethod
    def represent_rows(cls, rows, context):
        url = url_maker("api:source-detail", context.get("request"), slug="record")
        shown_date = cls._declared_fields["retrieved_on"].to_representation
        return [
            {
                "url": url(slug=row["slug"]),
                "slug": row["slug"],
                "title": row["title"],
                "author": row["author"],
                "publisher": row["publisher"],
                "published_on": row["published_on"] and shown_date(row["published_on"]),
                "language": row["language"],
                "summary": row["summary"],
                "rights_holder": row["rights_holder"],
                "terms": row["terms"],
                "rights_notice": row["rights_notice"],
                "rights": Source(rights_holder=row["rights_holder"], terms=row["terms"]).rights_statement(),
                "original_url": row["original_url"],
                "retrieved_on": row["retrieved_on"] and shown_date(row["retrieved_on"]),
            }
            for row in rows
        ]


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(
        slug_field="slug", queryset=Source.objects.all(), help_text="来源文档编号,如 000。"
    )
    quote = serializers.CharField(help_text="原文引文,与来源文档逐字一致(繁体来源保留繁体)。")

    class Meta:
        model = Citation
        fields = ["source", "quote"]

    def validate(self, attrs):
        try:
            attrs["source"].check_quote(attrs["quote"])
        except DjangoValidationError as error:
            raise serializers.ValidationError({"quote": error.messages}) from None
        return attrs


class CitedSerializer(serializers.ModelSerializer):
    """A record with its provenance; writes must bring at least one verbatim quote and replace the old ones."""

    citations = CitationSerializer(many=True, required=False, help_text="出处:来源文档与原文引文。")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and not attrs.get("citations"):
            raise serializers.ValidationError({"citations": ["新记录至少需要一条出处引文。"]})
        if "citations" in attrs and not attrs["citations"]:
            raise serializers.ValidationError({"citations": ["出处不能为空。"]})
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        citations = validated_data.pop("citations")
        instance = super().create(validated_data)
        self._replace_citations(instance, citations)
        return instance

    @transaction.atomic
    def update(self, instance, validated_data):
        citations = validated_data.pop("citations", None)
        instance = super().update(instance, validated_data)
        if citations is not None:
            self._replace_citations(instance, citations)
        return instance

    @staticmethod
    def _replace_citations(instance, citations):
        instance.citations.all().delete()
        for order, citation in enumerate(citations):
            instance.citations.create(order=order, **citation)
        # Drop the prefetched list so the response shows what was just written.
        getattr(instance, "_prefetched_objects_cache", {}).pop("citations", None)


class SkillCategorySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:category-detail", lookup_field="slug")
    skills = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="该类别下技能的标识。"
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = SkillCategory
        fields = ["url", "slug", "name", "name_en", "description", "order", "skills", "citations"]

    row_fields = ("pk", "slug", "name", "name_en", "description", "order")

    @staticmethod
    def related_rows(categories):
        return {"skills": Rows(Skill.objects.filter(category__in=categories), ("category_id", "slug"))}

    @classmethod
    def represent_rows(cls, rows, context):
        skills = grouped(context["related"]["skills"])
        return cited_rows(
            SkillCategory,
            rows,
            context,
            "api:category-detail",
            lambda row: {
                "slug": row["slug"],
                "name": row["name"],
                "name_en": row["name_en"],
                "description": row["description"],
                "order": row["order"],
                "skills": skills.get(row["pk"], []),
            },
        )


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def claim_skill_version(skill, given):
    """The optimistic lock shared by skill and level writes: a write based on an old version is a 409."""
    if "version" not in given:
        return
    try:
        skill.claim_version(given["version"])
    except EditConflict:
        current = skill.stored_version()
        raise Conflict(f"该技能在您读取之后已被他人修改(当前版本 {current}),请重新读取后再修改。") from None


class LevelSerializer(CitedSerializer):
    """One mastery level of a skill: 1 入门, 2 熟练, 3 精通."""

    url = serializers.SerializerMethodField()
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    level = serializers.ChoiceField(choices=MasteryLevel.choices, help_text="1 入门 · 2 熟练 · 3 精通")
    level_name = serializers.CharField(source="get_level_display", read_only=True)
    version = serializers.IntegerField(
        source="skill.version",
        required=False,
        min_value=1,
        help_text="所属技能的版本号。修改时可带上读取到的版本号:若他人已在此后保存这项技能(包括其掌握程度、在后台),返回 409。",
    )

    class Meta:
        model = SkillLevel
        fields = ["url", "skill", "level", "level_name", "description", "citations", "version"]

    @transaction.atomic
    def create(self, validated_data):
        # The view passes the skill of the URL, which replaces the {"version": …} the client sent.
        claim_skill_version(validated_data["skill"], self.validated_data.get("skill", {}))
        return super().create(validated_data)

    @transaction.atomic
    def update(self, level, validated_data):
        claim_skill_version(level.skill, validated_data.pop("skill", {}))
        level = super().update(level, validated_data)
        level.skill.version = level.skill.stored_version()  # saving the level moved it on once more
        return level

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return reverse(
            "api:level-detail",
            kwargs={"skill_slug": obj.skill.slug, "level": obj.level},
            request=self.context.get("request"),
        )

    def validate_level(self, level):
        skill = self.context.get("skill")
        taken = SkillLevel.objects.filter(skill=skill, level=level)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if skill is not None and taken.exists():
            raise serializers.ValidationError(f"技能“{skill.name}”已经有{MasteryLevel(level).label}的描述。")
        return level


class RequirementSerializer(serializers.Serializer):
    stage = serializers.CharField(source="stage.slug", read_only=True, help_text="要求该技能的发展阶段标识。")
    stage_name = serializers.CharField(source="stage.name", read_only=True)
    level = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="目标掌握程度:1 入门 · 2 熟练 · 3 精通;来源没有规定程度时为 null。"
    )
    level_name = serializers.CharField(source="level_label", read_only=True)
    level_basis = serializers.CharField(
        read_only=True, help_text="stated 来源写明 · reading 本站解读(说明见 level_note) · unstated 来源未规定程度。"
    )
    level_note = serializers.CharField(read_only=True, help_text="本站解读时:怎样从原文读出这个程度。")


class SkillSerializer(CitedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:skill-detail", lookup_field="slug")
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=SkillCategory.objects.all(), help_text="技能类别标识。"
    )
    category_name = serializers.CharField(source="category.name", read_only=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True, help_text="合并进来的别名。")
    levels = LevelSerializer(many=True, read_only=True, help_text="入门 / 熟练 / 精通 各自的含义(来源未给出的缺省)。")
    required_by = RequirementSerializer(
        source="requirements", many=True, read_only=True, help_text="要求该技能的发展阶段及目标程度。"
    )
    resources = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="培养该技能的学习资源标识。"
    )
    sources = serializers.SerializerMethodField(help_text="提到该技能的来源文档编号。")
    last_edited = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="HR 最后修改的时间;内容仍是从来源整理、未经修改时为 null(内容的日期见所引来源的 published_on)。",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="修改时可带上读取到的版本号:若他人已在此后保存(包括在后台),返回 409,不会覆盖他人的修改。",
    )

    class Meta:
        model = Skill
        fields = [
            "url",
            "slug",
            "name",
            "category",
            "category_name",
            "order",
            "aliases",
            "definition",
            "scenario",
            "importance",
            "market_demand",
            "impact",
            "levels",
            "required_by",
            "resources",
            "sources",
            "citations",
            "last_edited",
            "version",
        ]

    def validate_name(self, name):
        # Names and aliases share one namespace, as in the HR admin: a name may not be another skill's alias.
        if clash := name_clash(name, self.instance):
            raise serializers.ValidationError(clash)
        return name

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)

    @transaction.atomic
    def update(self, skill, validated_data):
        # The same optimistic lock as the HR admin: a write based on an old version must not undo a newer edit.
        claim_skill_version(skill, {"version": validated_data.pop("version", skill.version)})
        return super().update(skill, validated_data)

    def get_sources(self, skill) -> list[str]:
        cited = {citation.source.slug for citation in skill.citations.all()}
        cited |= {citation.source.slug for level in skill.levels.all() for citation in level.citations.all()}
        return sorted(cited)

    # Reads from rows (core.api.base.RowReads): what the fields above show, from values() and the related rows.
    row_fields = (
        "pk",
        "slug",
        "name",
        "category__slug",
        "category__name",
        "order",
        "definition",
        "scenario",
        "importance",
        "market_demand",
        "impact",
        "updated_at",
        "hr_edited",
        "version",
    )

    @staticmethod
    def related_rows(skills):
        # The stages and resources are other apps' records: reached through the skill's own relations.
        return {
            "aliases": Rows(SkillAlias.objects.filter(skill__in=skills), ("skill_id", "name")),
            "levels": Rows(
                SkillLevel.objects.filter(skill__in=skills).order_by("level"),
                ("pk", "skill_id", "level", "description"),
            ),
            "requirements": Rows(
                Skill.objects.filter(pk__in=skills, requirements__isnull=False).order_by(
                    "requirements__stage__order", "-requirements__level"
                ),
                (
                    "pk",
                    "requirements__stage__slug",
                    "requirements__stage__name",
                    "requirements__level",
                    "requirements__level_basis",
                    "requirements__level_note",
                ),
            ),
            "resources": Rows(
                Skill.objects.filter(pk__in=skills, resources__isnull=False).order_by(
                    "resources__order", "resources__pk"
                ),
                ("pk", "resources__slug"),
            ),
        }

    @classmethod
    def represent_rows(cls, rows, context):
        request = context.get("request")
        related = context["related"]
        pks = [row["pk"] for row in rows]
        aliases = grouped(related["aliases"])
        levels = related["levels"]
        cited = Citation.objects.quoted(
            {Skill: pks, SkillLevel: [level[0] for level in levels]}, context.get("citations")
        )
        requirements = grouped((pk, requirement) for pk, *requirement in related["requirements"])
        resources = grouped(related["resources"])
        label_of = Skill.requirements.rel.related_model.label_of
        level_names = MasteryLevel.labels_by_value()
        skill_url = url_maker("api:skill-detail", request, slug="skill")
        level_url = url_maker("api:level-detail", request, skill_slug="skill", level=1)
        shown_time = cls._declared_fields["last_edited"].to_representation
        by_skill = grouped((level[1], level) for level in levels)
        shown = []
        for row in rows:
            pk, slug = row["pk"], row["slug"]
            skill_levels = [
                {
                    "url": level_url(skill_slug=slug, level=level),
                    "skill": slug,
                    "level": level,
                    "level_name": str(level_names.get(level, level)),
                    "description": description,
                    "citations": cited[SkillLevel][level_pk],
                    "version": row["version"],
                }
                for level_pk, _skill, level, description in by_skill.get(pk, ())
            ]
            citations = cited[Skill][pk]
            sources = {citation["source"] for citation in citations}
            sources.update(citation["source"] for level in skill_levels for citation in level["citations"])
            shown.append(
                {
                    "url": skill_url(slug=slug),
                    "slug": slug,
                    "name": row["name"],
                    "category": row["category__slug"],
                    "category_name": row["category__name"],
                    "order": row["order"],
                    "aliases": aliases.get(pk, []),
                    "definition": row["definition"],
                    "scenario": row["scenario"],
                    "importance": row["importance"],
                    "market_demand": row["market_demand"],
                    "impact": row["impact"],
                    "levels": skill_levels,
                    "required_by": [
                        {
                            "stage": stage,
                            "stage_name": stage_name,
                            "level": level,
                            "level_name": str(label_of(level)),
                            "level_basis": basis,
                            "level_note": note,
                        }
                        for stage, stage_name, level, basis, note in requirements.get(pk, ())
                    ],
                    "resources": resources.get(pk, []),
                    "sources": sorted(sources),
                    "citations": citations,
                    "last_edited": shown_time(row["updated_at"]) if row["hr_edited"] else None,
                    "version": row["version"],
                }
            )
        return shown
