from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view

from core.api.base import EditableViewSet, ReadOnlyViewSet
from core.api.schema import LANG
from skills.api.serializers import LevelSerializer, SkillCategorySerializer, SkillSerializer, SourceSerializer
from skills.filters import SkillFilter
from skills.models import Skill, SkillCategory, SkillLevel, Source, with_sources


@extend_schema_view(
    list=extend_schema(summary="来源文档", parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
)
class SourceViewSet(ReadOnlyViewSet):
    """The five documents every fact comes from."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer


@extend_schema_view(
    list=extend_schema(summary="技能类别", parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
)
class CategoryViewSet(ReadOnlyViewSet):
    queryset = SkillCategory.objects.prefetch_related("skills", with_sources())
    serializer_class = SkillCategorySerializer


@extend_schema_view(
    list=extend_schema(
        summary="技能",
        description="全部技能及其别名、出处、要求它的发展阶段,以及来源给出时的应用场景和入门/熟练/精通说明(只有少数技能有,缺的为空)。可按类别筛选、按文字搜索(繁体也可)。",
        parameters=[
            LANG,
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": 50},
                description="在名称、别名、定义和应用场景中搜索;繁体输入按简体匹配。",
                examples=[OpenApiExample("繁体输入", value="溝通"), OpenApiExample("名称的一部分", value="耐心")],
            ),
            OpenApiParameter(
                "category", str, description="类别标识。", examples=[OpenApiExample("专业技术技能", value="technical")]
            ),
        ],
    ),
    retrieve=extend_schema(parameters=[LANG]),
)
class SkillViewSet(EditableViewSet):
    queryset = Skill.objects.with_context()
    serializer_class = SkillSerializer
    filterset_class = SkillFilter


@extend_schema_view(
    list=extend_schema(summary="某项技能的掌握程度", parameters=[LANG]),
    retrieve=extend_schema(parameters=[LANG]),
)
@extend_schema(parameters=[OpenApiParameter("skill_slug", str, OpenApiParameter.PATH, description="技能标识")])
class LevelViewSet(EditableViewSet):
    """The 入门 / 熟练 / 精通 descriptions of one skill, addressed as /skills/<slug>/levels/<1|2|3>/."""

    serializer_class = LevelSerializer
    lookup_field = "level"
    lookup_value_regex = "[1-3]"
    pagination_class = None
    queryset = SkillLevel.objects.select_related("skill").prefetch_related(with_sources())

    def skill(self):
        if not hasattr(self, "_skill"):
            self._skill = get_object_or_404(Skill, slug=self.kwargs["skill_slug"])
        return self._skill

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no skill in the URL
            return SkillLevel.objects.none()
        return super().get_queryset().filter(skill=self.skill())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "skill_slug" in self.kwargs:
            context["skill"] = self.skill()
        return context

    def perform_create(self, serializer):
        serializer.save(skill=self.skill())
