"""The self-assessment's answers and report as JSON: the report objects serialized as they are."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment.report import HIGHEST, NOT_YET, Assessment, Status
from progression.models import LevelBasis
from salaries.models import STAGE_READING

SHOWN_UNKNOWN = 5


class AssessmentAnswersSerializer(serializers.Serializer):
    stage = serializers.CharField(
        help_text="目标阶段标识:entry 入职期 · stable 稳定期 · promotion 晋升期 · management 高级管理期。"
    )
    track = serializers.CharField(help_text="发展通道标识:management 管理线 · professional 专业线。")
    city = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text="可选:城市标识(拼音,如 beijing),给出时对比该城市与各城市的平均月薪。",
    )
    ratings = serializers.DictField(
        child=serializers.IntegerField(
            min_value=NOT_YET,
            max_value=HIGHEST,
            error_messages={
                "invalid": "掌握程度必须是 0 到 3 的整数。",
                "min_value": "掌握程度必须是 0 到 3 的整数。",
                "max_value": "掌握程度必须是 0 到 3 的整数。",
            },
        ),
        allow_empty=True,
        help_text="技能标识 → 自评掌握程度:0 尚未掌握 · 1 入门 · 2 熟练 · 3 精通。未列出的技能记为“未评”:"
        "既不算已达到也不算差距(status 为 unrated,current 为 null),与结果页相同。",
        error_messages={
            "not_a_dict": 'ratings 必须是对象,形如 {{"communication": 2}}。',
            "required": '缺少 ratings:请给出技能的自评,形如 {{"communication": 2}};全部未评时给出 {{}}。',
        },
    )

    def __init__(self, *args, catalog=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog

    def validate_stage(self, slug):
        if self.catalog.stage(slug) is None:
            choices = "、".join(stage.slug for stage in self.catalog.stages)
            raise serializers.ValidationError(f"没有“{slug[:40]}”这个阶段,可选:{choices}。")
        return slug

    def validate_track(self, slug):
        if self.catalog.track(slug) is None:
            choices = "、".join(track.slug for track in self.catalog.tracks)
            raise serializers.ValidationError(f"没有“{slug[:40]}”这个发展通道,可选:{choices}。")
        return slug

    def validate_city(self, slug):
        if slug and self.catalog.city_salary(slug) is None:
            raise serializers.ValidationError(f"没有“{slug[:40]}”这个城市的薪资数据。")
        return slug or ""

    def validate_ratings(self, ratings):
        unknown = [slug for slug in ratings if slug not in self.catalog.skills_by_slug]
        if unknown:
            shown = "、".join(slug[:40] for slug in unknown[:SHOWN_UNKNOWN])
            raise serializers.ValidationError(f"没有这些技能:{shown}。技能标识见 /api/v1/skills/。")
        return ratings

    def assessment(self):
        return Assessment.from_answers(self.catalog, **self.validated_data)


class ResourceBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_name = serializers.CharField(source="get_kind_display")
    author = serializers.CharField()
    url = serializers.CharField(help_text="网址(来源未给出时为空)。")


class RequirementReportSerializer(serializers.Serializer):
    skill = serializers.CharField(source="skill.slug")
    skill_name = serializers.CharField(source="skill.name")
    category = serializers.CharField(source="skill.category.slug")
    stage = serializers.CharField(source="stage.slug", help_text="提出这项要求的阶段(目标阶段或它之前的阶段)。")
    stage_name = serializers.CharField(source="stage.name")
    level = serializers.IntegerField(
        allow_null=True, help_text="阶段要求的目标掌握程度 1–3;来源没有规定程度时为 null(见 level_given)。"
    )
    level_given = serializers.BooleanField(
        help_text="来源是否规定了程度。false:来源只写了需要这项技能,没有规定程度,按 counting_rule 计算。"
    )
    level_basis = serializers.ChoiceField(
        choices=LevelBasis.choices,
        help_text="stated 来源写明 · reading 本站解读(见 level_note) · unstated 来源未规定程度。",
    )
    level_note = serializers.CharField(help_text="level_basis 为 reading 时:本站怎样从原文读出这个程度。")
    required = serializers.IntegerField(
        help_text="计为达到所需的自评 1–3:等于 level;level 为 null 时按本站规则取 1(入门),这不是来源给的目标。"
    )
    required_name = serializers.CharField(
        source="required_label", help_text="目标程度的名称;来源未规定程度时为“来源未规定程度”。"
    )
    counting_rule = serializers.CharField(help_text="level 为 null 时本站的计算规则;有程度时为空。")
    current = serializers.IntegerField(allow_null=True, help_text="自评掌握程度 0–3;没有评分(未评)时为 null。")
    current_name = serializers.CharField(source="current_label")
    distance = serializers.IntegerField(help_text="还差几档(已达到或未评为 0)。")
    status = serializers.ChoiceField(
        choices=Status.choices,
        help_text="met 已达到 · partly 部分达到 · missing 尚未掌握 · unrated 未评(没有评分,不下结论)。",
    )
    status_name = serializers.CharField(source="status_label")
    in_track = serializers.BooleanField(help_text="是否为所选发展通道的相关技能。")
    target_description = serializers.CharField(help_text="来源对这项技能目标程度的描述(没有则为空)。")
    strategy = serializers.CharField(source="stage.strategy", help_text="该阶段的提升策略。")
    resources = ResourceBriefSerializer(many=True, help_text="培养这项技能的学习资源。")


class StageBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    phase = serializers.CharField()
    skill_needs = serializers.CharField()
    strategy = serializers.CharField()


class TrackBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    growth = serializers.ListField(child=serializers.CharField(), source="growth_list")


class TrackSkillSerializer(serializers.Serializer):
    skill = serializers.CharField(source="skill.slug")
    skill_name = serializers.CharField(source="skill.name")
    current = serializers.IntegerField(allow_null=True, help_text="自评 0–3;未评时为 null。")
    current_name = serializers.CharField(source="current_label")


class SummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    met = serializers.IntegerField()
    partly = serializers.IntegerField()
    missing = serializers.IntegerField()
    unrated = serializers.IntegerField(help_text="没有评分的要求数(未评,不计入差距)。")
    distance = serializers.IntegerField(help_text="所有差距的档数之和。")


class BandSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text="来源 001 的“初级”或“高级”。")
    hedge = serializers.CharField(help_text="来源 001 写在数字前的限定词(一般在 / 可达到),显示时保留。")
    minimum = serializers.IntegerField()
    maximum = serializers.IntegerField()
    unit = serializers.CharField(default="元/月")
    dated = serializers.BooleanField(default=False, help_text="来源是否注明年份:001 没有注明。")
    site_reading = serializers.CharField(
        default=STAGE_READING, help_text="本站把这一档对应到目标阶段的解读;来源 001 没有这种对应。"
    )


class CityComparisonSerializer(serializers.Serializer):
    city = serializers.CharField(source="salary.city.slug")
    city_name = serializers.CharField(source="salary.city.name")
    average_monthly = serializers.IntegerField(
        source="salary.average_monthly", help_text="来源原样的入职平均月薪(元),统计时间见 as_of / period。"
    )
    overall_average = serializers.IntegerField(
        source="overall.average", help_text="同期各城市平均月薪的平均值(元,统计时间见 as_of)。"
    )
    city_count = serializers.IntegerField(source="overall.count")
    difference = serializers.IntegerField(help_text="该城市减去各城市平均值(元/月,同一时间的数字)。")
    as_of = serializers.CharField(source="dataset.month", help_text="统计时间(年-月),如 2010-06。")
    period = serializers.CharField(source="dataset.period", help_text="统计时间,如 2010年6月。")
    price_year = serializers.IntegerField(source="adjustment.price_year", default=None, allow_null=True)
    price_adjusted = serializers.IntegerField(
        source="today.at_prices",
        default=None,
        allow_null=True,
        help_text="按 price_year 年物价折算:这份月薪在该年的购买力,不是这份工作今天的工资。",
    )
    growth_estimate_year = serializers.IntegerField(source="adjustment.wage_year", default=None, allow_null=True)
    growth_estimate = serializers.IntegerField(
        source="today.growth_estimate",
        default=None,
        allow_null=True,
        help_text="推算值,不是统计数据:假设与全国城镇私营单位就业人员年平均工资同步增长。",
    )
    national_reference_year = serializers.IntegerField(
        source="adjustment.reference_year", default=None, allow_null=True
    )
    national_reference = serializers.IntegerField(
        source="today.reference",
        default=None,
        allow_null=True,
        help_text="全国规模以上企业社会生产服务和生活服务人员年平均工资 ÷ 12:所有行业的平均数,不是该城市的工资。",
    )
    method = serializers.SerializerMethodField(help_text="折算方法与数据局限的说明页。")
    caveats = serializers.ListField(
        child=serializers.CharField(), source="dataset.caveat_list", help_text="数据说明,凡显示数字处都要一并显示。"
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_method(self, comparison):
        return self.context["request"].build_absolute_uri(reverse("salaries:method"))


class AssessmentReportSerializer(serializers.Serializer):
    stage = StageBriefSerializer()
    track = TrackBriefSerializer()
    summary = SummarySerializer()
    requirements = RequirementReportSerializer(
        many=True, help_text="目标阶段(及之前阶段)的技能要求,按差距从大到小排列;status 不是 met 的就是差距。"
    )
    next_stage = StageBriefSerializer(allow_null=True, help_text="目标之后的阶段(目标已是最后阶段时为 null)。")
    next_requirements = RequirementReportSerializer(many=True, help_text="下一阶段的要求与你的自评。")
    unrated_rule = serializers.CharField(help_text="没有评分的技能怎样计算(本站规则)。")
    unstated_level_rule = serializers.CharField(
        help_text="来源没有规定程度的要求(level 为 null)按这条本站规则计算,它不是来源的要求。"
    )
    track_skills = TrackSkillSerializer(many=True, help_text="所选通道的相关技能(来源未给目标程度),按自评从低到高。")
    salary_band = BandSerializer(allow_null=True)
    city_salary = CityComparisonSerializer(source="city_comparison", allow_null=True)
    share_url = serializers.SerializerMethodField(help_text="同样答案的结果页网址,可收藏或分享。")

    @extend_schema_field(OpenApiTypes.URI)
    def get_share_url(self, assessment):
        # The link records the data version the report was made with, as the result page's own link does.
        path = reverse("assessment:result") + "?" + assessment.query_string(assessment.catalog.version)
        return self.context["request"].build_absolute_uri(path)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="总的说明。")
