"""POST /api/v1/assessments/: the self-assessment's gap report as JSON (computed, never stored)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.api.serializers import AssessmentAnswersSerializer, AssessmentReportSerializer, ErrorSerializer
from assessment.report import Catalog
from core.api.base import ApiViewMixin
from core.api.schema import LANG

REQUEST_EXAMPLE = OpenApiExample(
    "目标晋升期、管理线、北京",
    request_only=True,
    value={
        "stage": "promotion",
        "track": "management",
        "city": "beijing",
        "ratings": {"product-knowledge": 1, "communication": 2, "problem-solving": 2, "patience-emotion": 3},
    },
)
RESPONSE_EXAMPLE = OpenApiExample(
    "差距报告(节选)",
    response_only=True,
    status_codes=["200"],
    value={
        "stage": {
            "slug": "promotion",
            "name": "晋升期",
            "phase": "高级或资深岗位阶段",
            "skill_needs": "精通产品知识及高效的情绪管理能力。",
            "strategy": "参与高级培训课程,提升专业能力和管理能力。",
        },
        "track": {"slug": "management", "name": "管理线", "growth": ["了解和掌握公司的管理体系和流程"]},
        "summary": {"total": 4, "met": 3, "partly": 1, "missing": 0, "unrated": 0, "distance": 2},
        "requirements": [
            {
                "skill": "product-knowledge",
                "skill_name": "产品知识",
                "category": "technical",
                "stage": "promotion",
                "stage_name": "晋升期",
                "level": 3,
                "level_given": True,
                "level_basis": "stated",
                "level_note": "",
                "required": 3,
                "required_name": "精通",
                "counting_rule": "",
                "current": 1,
                "current_name": "入门",
                "distance": 2,
                "status": "partly",
                "status_name": "部分达到",
                "in_track": False,
                "target_description": "应对复杂问题并进行产品推广",
                "strategy": "参与高级培训课程,提升专业能力和管理能力。",
                "resources": [
                    {
                        "slug": "in-house-training",
                        "name": "企业内训课程",
                        "kind": "course",
                        "kind_name": "培训课程",
                        "author": "",
                        "url": "",
                    }
                ],
            }
        ],
        "next_stage": {
            "slug": "management",
            "name": "高级管理期",
            "phase": "管理层与专家层岗位阶段",
            "skill_needs": "全面的团队管理能力与战略思维。",
            "strategy": "参加管理类培训,学习团队建设与领导力。",
        },
        "next_requirements": [],
        "unstated_level_rule": "来源只写了需要这项技能、没有规定掌握程度(来源未规定程度)时,本站按这条规则计算:自评达到入门或以上,就算具备这项技能。",
        "track_skills": [{"skill": "teamwork", "skill_name": "团队合作能力", "current": 0, "current_name": "尚未掌握"}],
        "salary_band": {
            "slug": "senior",
            "name": "高级",
            "minimum": 8000,
            "maximum": 10000,
            "unit": "元/月",
            "note": "来源 001 只给出初级和高级两档:入职期、稳定期按初级,晋升期及以后按高级。",
        },
        "city_salary": {
            "city": "beijing",
            "city_name": "北京",
            "average_monthly": 7285,
            "overall_average": 5649,
            "city_count": 36,
            "difference": 1636,
            "as_of": "2010-06-01",
            "caveats": ["该数据统计截止日期为2010年6月"],
        },
        "share_url": "http://example.com/assessment/result/?stage=promotion&track=management&city=beijing",
    },
)
ERROR_EXAMPLE = OpenApiExample(
    "不认识的技能和无效的程度",
    response_only=True,
    status_codes=["400"],
    value={"detail": "答案有误,请检查标出的字段。", "ratings": {"communication": ["掌握程度必须是 0 到 3 的整数。"]}},
)


@extend_schema(
    summary="自我评估:差距报告",
    description="提交目标阶段、发展通道、可选城市和每项技能的自评(0–3),返回与结果页相同的差距报告。"
    "ratings 里没有列出的技能记为“未评”(不算已达到,也不算差距)。服务器不保存任何答案。错误时返回 400,detail 为说明,其余键指出有问题的字段。",
    parameters=[LANG],
    request=AssessmentAnswersSerializer,
    responses={200: AssessmentReportSerializer, 400: ErrorSerializer},
    examples=[REQUEST_EXAMPLE, RESPONSE_EXAMPLE, ERROR_EXAMPLE],
    tags=["assessments"],
)
class AssessmentView(ApiViewMixin, APIView):
    # A computation over public data: no account, nothing written, so no CSRF-bound session either.
    authentication_classes = []
    permission_classes = [AllowAny]
    http_method_names = ["post", "options"]

    def post(self, request):
        try:
            data = request.data
        except exceptions.ParseError:
            return Response({"detail": "请求体不是有效的 JSON。"}, status=status.HTTP_400_BAD_REQUEST)
        if not isinstance(data, dict):
            return Response(
                {"detail": "请求体必须是 JSON 对象,包含 stage、track 和 ratings。"}, status=status.HTTP_400_BAD_REQUEST
            )
        catalog = Catalog.current()
        serializer = AssessmentAnswersSerializer(data=data, catalog=catalog)
        if not serializer.is_valid():
            return Response(
                {"detail": "答案有误,请检查标出的字段。", **serializer.errors}, status=status.HTTP_400_BAD_REQUEST
            )
        report = AssessmentReportSerializer(serializer.assessment(), context={"request": request})
        return Response(report.data)
