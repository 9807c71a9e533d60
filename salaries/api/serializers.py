from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api.base import url_maker
from salaries.adjustment import Adjustment
from salaries.models import STAGE_READING, CitySalary, Region, SalaryBand, SalaryDataset, StatisticalRelease
from skills.api.serializers import CitationSerializer, CitedSerializer, cited_rows
from skills.models import Citation


def adjustment_for(serializer, dataset):
    """The dataset's Adjustment, loaded once per response: a list's rows share their root serializer's context."""
    cache = serializer.context.setdefault("adjustments", {})
    if dataset.pk not in cache:
        cache[dataset.pk] = Adjustment.for_dataset(dataset)
    return cache[dataset.pk]


def method_url(request):
    return reverse("salaries:method", request=request)


class CitySerializer(CitedSerializer):
    """A city with its 2010 average monthly salary as published and what that amount means today.

    Only the published number (and its provenance) can be edited; the other amounts are computed from it and
    the official statistics (see /salaries/method/).
    """

    url = serializers.SerializerMethodField()
    slug = serializers.CharField(source="city.slug", read_only=True, help_text="城市名的拼音。")
    name = serializers.CharField(source="city.name", read_only=True, help_text="简体中文城市名。")
    name_traditional = serializers.CharField(
        source="city.name_traditional", read_only=True, help_text="来源发布的繁体写法。"
    )
    province = serializers.CharField(source="city.province", read_only=True)
    region = serializers.ChoiceField(source="city.region", choices=Region.choices, read_only=True)
    region_name = serializers.CharField(source="city.get_region_display", read_only=True)
    average_monthly = serializers.IntegerField(
        min_value=1, max_value=10**7, help_text="平均月薪(元),按来源原样;统计时间见 as_of / period(2010年6月)。"
    )
    unit = serializers.CharField(source="dataset.unit", read_only=True)
    as_of = serializers.CharField(
        source="dataset.month", read_only=True, help_text="average_monthly 的统计时间(年-月),如 2010-06。"
    )
    period = serializers.CharField(source="dataset.period", read_only=True, help_text="同上,中文写法,如 2010年6月。")
    price_year = serializers.SerializerMethodField(help_text="price_adjusted 所按物价的年份。")
    price_adjusted = serializers.SerializerMethodField(
        help_text="按 price_year 年物价折算(× 各年 CPI 连乘):这份月薪在该年的购买力,不是这份工作今天的工资。"
    )
    growth_estimate_year = serializers.SerializerMethodField(help_text="growth_estimate 推算到的年份。")
    growth_estimate = serializers.SerializerMethodField(
        help_text="推算值,不是统计数据:假设与全国城镇私营单位就业人员年平均工资同步增长时的月薪(元)。"
    )
    national_reference_year = serializers.SerializerMethodField(help_text="national_reference 的年份。")
    national_reference = serializers.SerializerMethodField(
        help_text="全国规模以上企业社会生产服务和生活服务人员年平均工资 ÷ 12(元/月):所有行业的一大类服务岗位,"
        "各城市相同,不是该城市或售后客服的工资。"
    )
    method = serializers.SerializerMethodField(help_text="折算方法、所用系数及其出处、数据局限的说明页。")
    dataset = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="数据集标识;其说明见 salary-datasets。"
    )

    class Meta:
        model = CitySalary
        fields = [
            "url",
            "slug",
            "name",
            "name_traditional",
            "province",
            "region",
            "region_name",
            "average_monthly",
            "unit",
            "as_of",
            "period",
            "price_year",
            "price_adjusted",
            "growth_estimate_year",
            "growth_estimate",
            "national_reference_year",
            "national_reference",
            "method",
            "dataset",
            "citations",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, salary):
        return reverse("api:city-detail", kwargs={"slug": salary.city.slug}, request=self.context.get("request"))

    def _adjusted(self, salary, what):
        adjustment = adjustment_for(self, salary.dataset)
        return getattr(adjustment, what)(salary.average_monthly) if adjustment else None

    def _fact(self, salary, what):
        adjustment = adjustment_for(self, salary.dataset)
        return getattr(adjustment, what) if adjustment else None

    @extend_schema_field(OpenApiTypes.INT)
    def get_price_year(self, salary):
        return self._fact(salary, "price_year")

    @extend_schema_field(OpenApiTypes.INT)
    def get_price_adjusted(self, salary):
        return self._adjusted(salary, "at_prices")

    @extend_schema_field(OpenApiTypes.INT)
    def get_growth_estimate_year(self, salary):
        return self._fact(salary, "wage_year")

    @extend_schema_field(OpenApiTypes.INT)
    def get_growth_estimate(self, salary):
        return self._adjusted(salary, "growth_estimate")

    @extend_schema_field(OpenApiTypes.INT)
    def get_national_reference_year(self, salary):
        return self._fact(salary, "reference_year")

    @extend_schema_field(OpenApiTypes.INT)
    def get_national_reference(self, salary):
        return self._fact(salary, "reference")

    @extend_schema_field(OpenApiTypes.URI)
    def get_method(self, salary):
        return method_url(self.context.get("request"))

    # Reads from rows (core.api.base.RowReads): what the fields above show, from values() and one batched query
    # for the citations (plus the statistics, once per dataset).
    row_fields = (
        "pk",
        "city__slug",
        "city__name",
        "city__name_traditional",
        "city__province",
        "city__region",
        "average_monthly",
        "dataset_id",
        "dataset__slug",
        "dataset__unit",
        "dataset__as_of",
    )

    @classmethod
    def represent_rows(cls, rows, context):
        request = context.get("request")
        cited = Citation.objects.quoted({CitySalary: [row["pk"] for row in rows]}, context.get("citations"))[CitySalary]
        # The dataset's own properties (month, period) and adjustment, from an instance built from the row.
        datasets = {
            row["dataset_id"]: SalaryDataset(
                pk=row["dataset_id"], slug=row["dataset__slug"], unit=row["dataset__unit"], as_of=row["dataset__as_of"]
            )
            for row in rows
        }
        adjustments = context.setdefault("adjustments", {})
        for pk, dataset in datasets.items():
            if pk not in adjustments:
                adjustments[pk] = Adjustment.for_dataset(dataset)
        region_names = dict(Region.choices)
        city_url = url_maker("api:city-detail", request, slug="city")
        method = method_url(request)
        shown = []
        for row in rows:
            dataset, adjustment = datasets[row["dataset_id"]], adjustments[row["dataset_id"]]
            average, region = row["average_monthly"], row["city__region"]
            shown.append(
                {
                    "url": city_url(slug=row["city__slug"]),
                    "slug": row["city__slug"],
                    "name": row["city__name"],
                    "name_traditional": row["city__name_traditional"],
                    "province": row["city__province"],
                    "region": region,
                    "region_name": str(region_names.get(region, region)),
                    "average_monthly": average,
                    "unit": dataset.unit,
                    "as_of": dataset.month,
                    "period": dataset.period,
                    "price_year": adjustment.price_year if adjustment else None,
                    "price_adjusted": adjustment.at_prices(average) if adjustment else None,
                    "growth_estimate_year": adjustment.wage_year if adjustment else None,
                    "growth_estimate": adjustment.growth_estimate(average) if adjustment else None,
                    "national_reference_year": adjustment.reference_year if adjustment else None,
                    "national_reference": adjustment.reference if adjustment else None,
                    "method": method,
                    "dataset": row["dataset__slug"],
                    "citations": cited[row["pk"]],
                }
            )
        return shown


class SalaryDatasetSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:salary-dataset-detail", lookup_field="slug")
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    caveats = serializers.ListField(
        source="caveat_list", child=serializers.CharField(), help_text="凡显示数字处都应显示的说明。"
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = SalaryDataset
        fields = ["url", "slug", "title", "source", "as_of", "unit", "caveats", "citations"]

    row_fields = ("pk", "slug", "title", "source__slug", "as_of", "unit", "caveats")

    @classmethod
    def represent_rows(cls, rows, context):
        shown_date = serializers.DateField().to_representation
        return cited_rows(
            SalaryDataset,
            rows,
            context,
            "api:salary-dataset-detail",
            lambda row: {
                "slug": row["slug"],
                "title": row["title"],
                "source": row["source__slug"],
                "as_of": shown_date(row["as_of"]),
                "unit": row["unit"],
                "caveats": SalaryDataset(caveats=row["caveats"]).caveat_list(),
            },
        )


class SalaryBandSerializer(CitedSerializer):
    """One of source 001's two undated bands, with 001's own wording and the site's reading of it as stages."""

    url = serializers.HyperlinkedIdentityField(view_name="api:salary-band-detail", lookup_field="slug")
    hedge = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="来源 001 写在数字前的限定词(一般在 / 可达到),显示时保留。",
    )
    minimum = serializers.IntegerField(min_value=1, max_value=10**7, help_text="下限(元/月)。")
    maximum = serializers.IntegerField(min_value=1, max_value=10**7, help_text="上限(元/月)。")
    dated = serializers.SerializerMethodField(help_text="来源是否注明年份:001 没有注明。")
    stage_reading = serializers.SerializerMethodField(
        help_text="本站把级别对应到发展阶段的解读(来源 001 没有这种对应)。"
    )

    class Meta:
        model = SalaryBand
        fields = ["url", "slug", "name", "order", "hedge", "minimum", "maximum", "dated", "stage_reading", "citations"]

    row_fields = ("pk", "slug", "name", "order", "hedge", "minimum", "maximum")

    @classmethod
    def represent_rows(cls, rows, context):
        return cited_rows(
            SalaryBand,
            rows,
            context,
            "api:salary-band-detail",
            lambda row: {
                **{name: value for name, value in row.items() if name != "pk"},
                "dated": False,
                "stage_reading": STAGE_READING,
            },
        )

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_dated(self, band):
        return False

    @extend_schema_field(OpenApiTypes.STR)
    def get_stage_reading(self, band):
        return STAGE_READING

    def validate(self, attrs):
        attrs = super().validate(attrs)
        minimum = attrs.get("minimum", getattr(self.instance, "minimum", None))
        maximum = attrs.get("maximum", getattr(self.instance, "maximum", None))
        if minimum is not None and maximum is not None and maximum < minimum:
            raise serializers.ValidationError({"maximum": ["上限不能低于下限。"]})
        return attrs


class StatisticsSerializer(serializers.Serializer):
    as_of = serializers.CharField(help_text="这些平均月薪的统计时间(年-月),如 2010-06。")
    count = serializers.IntegerField(help_text="城市数。")
    average = serializers.IntegerField(help_text="各城市平均月薪的平均值(四舍五入到元)。")
    median = serializers.FloatField(help_text="中位数。")
    minimum = serializers.IntegerField()
    maximum = serializers.IntegerField()


class RegionStatisticsSerializer(StatisticsSerializer):
    region = serializers.ChoiceField(choices=Region.choices)
    region_name = serializers.CharField()


class SalarySummarySerializer(serializers.Serializer):
    dataset = SalaryDatasetSerializer(help_text="数据来源与说明(入门薪资、不含福利、2010 年 6 月统计、跨行业平均)。")
    overall = StatisticsSerializer(allow_null=True)
    regions = RegionStatisticsSerializer(many=True)


class StatisticalFigureSerializer(serializers.Serializer):
    series = serializers.CharField(help_text="数据文件中的指标键。")
    name = serializers.CharField()
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, coerce_to_string=False)
    unit = serializers.CharField()


class StatisticalReleaseSerializer(serializers.ModelSerializer):
    """An official release (国家统计局) the site uses to put the 2010 amounts into today's context."""

    addresses = serializers.ListField(child=serializers.DictField(), help_text="可核对数字的公开网页:[{label, url}]。")
    caveats = serializers.ListField(source="caveat_list", child=serializers.CharField())
    figures = StatisticalFigureSerializer(many=True, read_only=True)

    class Meta:
        model = StatisticalRelease
        fields = ["slug", "publisher", "title", "published", "basis", "addresses", "caveats", "figures"]
