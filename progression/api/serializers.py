from rest_framework import serializers

from core.api.base import url_maker
from core.queries import Rows
from progression.models import (
    CareerAdvice,
    Challenge,
    LevelBasis,
    OverviewEntry,
    Resource,
    Stage,
    StageRequirement,
    StoryStep,
    Track,
    lines,
)
from skills.api.serializers import CitationSerializer, CitedSerializer, cited_rows, grouped
from skills.models import Citation, Skill


def row_without_pk(row):
    return {name: value for name, value in row.items() if name != "pk"}


class StageRequirementSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="技能标识。")
    skill_name = serializers.CharField(source="skill.name", read_only=True)
    level = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="目标掌握程度 1 入门 · 2 熟练 · 3 精通;来源没有规定程度时为 null。"
    )
    level_name = serializers.CharField(
        source="level_label", read_only=True, help_text="程度名称;来源没有规定程度时为“来源未规定程度”。"
    )
    level_basis = serializers.CharField(
        read_only=True, help_text="stated 来源写明 · reading 本站解读(说明见 level_note) · unstated 来源未规定程度。"
    )
    level_basis_name = serializers.CharField(source="get_level_basis_display", read_only=True)
    level_note = serializers.CharField(read_only=True, help_text="本站解读时:怎样从原文读出这个程度。")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = StageRequirement
        fields = [
            "skill",
            "skill_name",
            "level",
            "level_name",
            "level_basis",
            "level_basis_name",
            "level_note",
            "citations",
        ]


class StageSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:stage-detail", lookup_field="slug")
    requirements = StageRequirementSerializer(many=True, read_only=True, help_text="该阶段要求的技能与目标掌握程度。")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Stage
        fields = ["url", "slug", "order", "name", "phase", "skill_needs", "strategy", "requirements", "citations"]

    # Reads from rows (core.api.base.RowReads): what the fields above show, from values() and the related rows.
    row_fields = ("pk", "slug", "order", "name", "phase", "skill_needs", "strategy")

    @staticmethod
    def related_rows(stages):
        return {
            "requirements": Rows(
                StageRequirement.objects.filter(stage__in=stages).by_level(),
                ("pk", "stage_id", "skill__slug", "skill__name", "level", "level_basis", "level_note"),
            )
        }

    @classmethod
    def represent_rows(cls, rows, context):
        pks = [row["pk"] for row in rows]
        requirements = context["related"]["requirements"]
        cited = Citation.objects.quoted(
            {Stage: pks, StageRequirement: [requirement[0] for requirement in requirements]}, context.get("citations")
        )
        basis_names = dict(LevelBasis.choices)
        by_stage = grouped(
            (
                stage,
                {
                    "skill": skill,
                    "skill_name": skill_name,
                    "level": level,
                    "level_name": str(StageRequirement.label_of(level)),
                    "level_basis": basis,
                    "level_basis_name": str(basis_names.get(basis, basis)),
                    "level_note": note,
                    "citations": cited[StageRequirement][pk],
                },
            )
            for pk, stage, skill, skill_name, level, basis, note in requirements
        )
        stage_url = url_maker("api:stage-detail", context.get("request"), slug="stage")
        return [
            {
                "url": stage_url(slug=row["slug"]),
                "slug": row["slug"],
                "order": row["order"],
                "name": row["name"],
                "phase": row["phase"],
                "skill_needs": row["skill_needs"],
                "strategy": row["strategy"],
                "requirements": by_stage.get(row["pk"], []),
                "citations": cited[Stage][row["pk"]],
            }
            for row in rows
        ]


class TrackSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:track-detail", lookup_field="slug")
    traits = serializers.ListField(source="trait_list", child=serializers.CharField(), help_text="适合的特点。")
    growth = serializers.ListField(
        source="growth_list", child=serializers.CharField(), help_text="需要增长的知识与能力。"
    )
    skills = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Track
        fields = ["url", "slug", "order", "name", "traits", "growth", "summary", "skills", "citations"]

    row_fields = ("pk", "slug", "order", "name", "traits", "growth", "summary")

    @staticmethod
    def related_rows(tracks):
        return {"skills": Rows(Skill.objects.filter(tracks__in=tracks), ("tracks", "slug"))}

    @classmethod
    def represent_rows(cls, rows, context):
        skills = grouped(context["related"]["skills"])
        return cited_rows(
            Track,
            rows,
            context,
            "api:track-detail",
            lambda row: {
                "slug": row["slug"],
                "order": row["order"],
                "name": row["name"],
                "traits": lines(row["traits"]),
                "growth": lines(row["growth"]),
                "summary": row["summary"],
                "skills": skills.get(row["pk"], []),
            },
        )


class ChallengeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:challenge-detail", lookup_field="slug")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Challenge
        fields = ["url", "slug", "order", "name", "description", "strategy", "citations"]

    row_fields = ("pk", "slug", "order", "name", "description", "strategy")

    @classmethod
    def represent_rows(cls, rows, context):
        return cited_rows(Challenge, rows, context, "api:challenge-detail", row_without_pk)


class CareerAdviceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:advice-detail", lookup_field="slug")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = CareerAdvice
        fields = ["url", "slug", "order", "title", "body", "citations"]

    row_fields = ("pk", "slug", "order", "title", "body")

    @classmethod
    def represent_rows(cls, rows, context):
        return cited_rows(CareerAdvice, rows, context, "api:advice-detail", row_without_pk)


class StoryStepSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:story-detail", lookup_field="order")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = StoryStep
        fields = ["url", "order", "role", "description", "citations"]

    row_fields = ("pk", "order", "role", "description")

    @classmethod
    def represent_rows(cls, rows, context):
        return cited_rows(StoryStep, rows, context, "api:story-detail", row_without_pk, lookup="order", sample=1)


class OverviewEntrySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:overview-detail", lookup_field="slug")
    section_name = serializers.CharField(source="get_section_display", read_only=True)
    points = serializers.ListField(source="point_list", child=serializers.CharField())
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = OverviewEntry
        fields = ["url", "slug", "section", "section_name", "order", "title", "body", "points", "skill", "citations"]

    row_fields = ("pk", "slug", "section", "order", "title", "body", "points", "skill__slug")

    @classmethod
    def represent_rows(cls, rows, context):
        section_names = dict(OverviewEntry.Section.choices)
        return cited_rows(
            OverviewEntry,
            rows,
            context,
            "api:overview-detail",
            lambda row: {
                "slug": row["slug"],
                "section": row["section"],
                "section_name": str(section_names.get(row["section"], row["section"])),
                "order": row["order"],
                "title": row["title"],
                "body": row["body"],
                "points": lines(row["points"]),
                "skill": row["skill__slug"],
            },
        )


class ResourceSerializer(CitedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:resource-detail", lookup_field="slug")
    kind_name = serializers.CharField(source="get_kind_display", read_only=True)
    website = serializers.URLField(source="url", allow_blank=True, required=False, help_text="资源自己的网址(如有)。")
    skills = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Skill.objects.all(), required=False, help_text="培养的技能标识。"
    )

    class Meta:
        model = Resource
        fields = [
            "url",
            "slug",
            "kind",
            "kind_name",
            "name",
            "author",
            "website",
            "description",
            "skills",
            "order",
            "citations",
        ]

    row_fields = ("pk", "slug", "kind", "name", "author", "url", "description", "order")

    @staticmethod
    def related_rows(resources):
        return {"skills": Rows(Skill.objects.filter(resources__in=resources), ("resources", "slug"))}

    @classmethod
    def represent_rows(cls, rows, context):
        kind_names = dict(Resource.Kind.choices)
        skills = grouped(context["related"]["skills"])
        return cited_rows(
            Resource,
            rows,
            context,
            "api:resource-detail",
            lambda row: {
                "slug": row["slug"],
                "kind": row["kind"],
                "kind_name": str(kind_names.get(row["kind"], row["kind"])),
                "name": row["name"],
                "author": row["author"],
                "website": row["url"],
                "description": row["description"],
                "skills": skills.get(row["pk"], []),
                "order": row["order"],
            },
        )
