from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import ApiViewMixin, EditableViewSet, ReadOnlyViewSet
from core.api.schema import LANG
from salaries.api.serializers import (
    CitySerializer,
    SalaryBandSerializer,
    SalaryDatasetSerializer,
    SalarySummarySerializer,
    StatisticalReleaseSerializer,
)
from salaries.filters import SALARY_LIMITS, CityFilter
from salaries.models import CitySalary, Region, SalaryBand, SalaryDataset, StatisticalRelease
from skills.models import with_sources

# A real row of source 004's table, as the API returns it.
BEIJING = OpenApiExample(
    "北京",
    response_only=True,
    value={
        "url": "http://127.0.0.1:8000/api/v1/cities/beijing/",
        "slug": "beijing",
        "name": "北京",
        "name_traditional": "北京",
        "province": "北京市",
        "region": "north",
        "region_name": "华北",
        "average_monthly": 7285,
        "unit": "元/月",
        "dataset": "cntv-2010",
        "citations": [{"source": "004", "quote": "北京\n\n7285"}],
    },
)
SALARY = {"type": "integer", "minimum": SALARY_LIMITS["min_value"], "maximum": SALARY_LIMITS["max_value"]}


@extend_schema_view(
    list=extend_schema(
        summary="城市平均月薪",
        description="来源 004 的 36 个城市:入门薪资、不含福利、2010 年 6 月统计、跨行业平均(说明见 salary-datasets)。"
        "可按地区、薪资范围筛选,按薪资或城市拼音排序。",
        parameters=[
            LANG,
            OpenApiParameter("min_salary", SALARY, description="平均月薪不低于(元)。"),
            OpenApiParameter("max_salary", SALARY, description="平均月薪不高于(元)。"),
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": 20},
                description="城市名或省份;繁体写法也可。",
                examples=[OpenApiExample("繁体写法", value="廣州")],
            ),
        ],
    ),
    retrieve=extend_schema(parameters=[LANG], examples=[BEIJING]),
)
class CityViewSet(EditableViewSet):
    queryset = CitySalary.objects.with_city().prefetch_related(with_sources())
    serializer_class = CitySerializer
    filterset_class = CityFilter
    lookup_field = "city__slug"
    lookup_url_kwarg = "slug"
    # Cities come from the published table; only their numbers (and provenance) are corrected.
    http_method_names = ["get", "put", "patch", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="薪资区间", parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
)
class SalaryBandViewSet(EditableViewSet):
    queryset = SalaryBand.objects.prefetch_related(with_sources()).order_by("order", "pk")
    serializer_class = SalaryBandSerializer


@extend_schema_view(
    list=extend_schema(summary="薪资数据集", parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
)
class SalaryDatasetViewSet(ReadOnlyViewSet):
    queryset = SalaryDataset.objects.select_related("source").prefetch_related(with_sources()).order_by("pk")
    serializer_class = SalaryDatasetSerializer


@extend_schema_view(
    list=extend_schema(
        summary="官方统计(国家统计局)",
        description="本站把 2010 年城市薪资放到今天看时所用的全国统计数字,每项带发布机构、发布名称、日期与可核对的网页。"
        "只读:这些数字只由数据文件载入。方法见 /salaries/method/。",
        parameters=[LANG],
    ),
    retrieve=extend_schema(parameters=[LANG]),
)
class StatisticalReleaseViewSet(ReadOnlyViewSet):
    queryset = StatisticalRelease.objects.prefetch_related("figures").order_by("order", "pk")
    serializer_class = StatisticalReleaseSerializer
    lookup_field = "slug"


@extend_schema(
    summary="薪资汇总",
    description="各城市平均月薪的平均值、中位数、最低与最高,整体和按地区;附数据集说明。",
    parameters=[LANG],
    responses=SalarySummarySerializer,
)
class SalarySummaryView(ApiViewMixin, APIView):
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def get(self, request):
        dataset = SalaryDataset.objects.select_related("source").prefetch_related(with_sources()).first()
        if dataset is None:
            raise Http404
        self.as_of = dataset.month
        salaries = CitySalary.objects.filter(dataset=dataset)
        by_region = salaries.summary_by_region()
        regions = []
        for region in Region:
            stats = by_region.get(region.value)
            if stats:
                regions.append({"region": region.value, "region_name": region.label, **self.renamed(stats)})
        overall = salaries.summary()
        data = {"dataset": dataset, "overall": overall and self.renamed(overall), "regions": regions}
        return Response(SalarySummarySerializer(data, context={"request": request}).data)

    def renamed(self, stats):
        return {
            "as_of": self.as_of,
            "count": stats["count"],
            "average": stats["average"],
            "median": stats["median"],
            "minimum": stats["lowest"],
            "maximum": stats["highest"],
        }
