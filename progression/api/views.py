from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from core.api.base import EditableViewSet, ReadOnlyViewSet
from core.api.schema import LANG
from progression.api.filters import OverviewFilter, ResourceFilter
from progression.api.serializers import (
    CareerAdviceSerializer,
    ChallengeSerializer,
    OverviewEntrySerializer,
    ResourceSerializer,
    StageSerializer,
    StoryStepSerializer,
    TrackSerializer,
)
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
from skills.models import with_sources


def described(summary, description=""):
    return extend_schema_view(
        list=extend_schema(summary=summary, description=description, parameters=[LANG]),
        retrieve=extend_schema(parameters=[LANG]),
    )


@described("发展阶段", "入职期 → 稳定期 → 晋升期 → 高级管理期,每个阶段的技能需求、提升策略和要求的技能。")
class StageViewSet(ReadOnlyViewSet):
    queryset = Stage.objects.prefetch_related(
        Prefetch("requirements", queryset=StageRequirement.objects.select_related("skill").by_level()),
        with_sources("requirements__citations"),
        with_sources(),
    )
    serializer_class = StageSerializer


@described("发展通道", "管理线与专业线:适合的特点、需要增长的能力、相关技能。")
class TrackViewSet(ReadOnlyViewSet):
    queryset = Track.objects.prefetch_related("skills", with_sources()).order_by("order", "pk")
    serializer_class = TrackSerializer


@described("职业挑战", "挑战及应对策略。")
class ChallengeViewSet(ReadOnlyViewSet):
    queryset = Challenge.objects.prefetch_related(with_sources()).order_by("order", "pk")
    serializer_class = ChallengeSerializer


@described("职业建议")
class CareerAdviceViewSet(ReadOnlyViewSet):
    queryset = CareerAdvice.objects.prefetch_related(with_sources()).order_by("order", "pk")
    serializer_class = CareerAdviceSerializer


@described("阿妍的职业经历", "来源 004 讲述的阿妍的经历:客服代表 → 电话营销 → 组长 → 主管 → 培训讲师,按 order 查找。")
class StoryStepViewSet(ReadOnlyViewSet):
    queryset = StoryStep.objects.prefetch_related(with_sources())
    serializer_class = StoryStepSerializer
    lookup_field = "order"
    lookup_value_regex = "[0-9]{1,4}"


@described("职业概况", "工作内容、职位背景、分类、工作领域与环境、行业、现状、趋势、相关专业、认证等,可按栏目筛选。")
class OverviewViewSet(ReadOnlyViewSet):
    queryset = OverviewEntry.objects.select_related("skill").prefetch_related(with_sources())
    serializer_class = OverviewEntrySerializer
    filterset_class = OverviewFilter


@described("学习资源", "培训课程、认证、协会、平台、书籍与建议,可按类型和所培养的技能筛选。")
class ResourceViewSet(EditableViewSet):
    queryset = Resource.objects.with_skills()
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
