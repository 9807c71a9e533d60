from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from salaries.models import CitySalary, Region, SalaryBand, SalaryDataset
from skills.api.serializers import CitationSerializer, CitedSerializer


class CitySerializer(CitedSerializer):
    """A city with its average monthly salary; only the number (and its provenance) can be edited."""

    url = serializers.SerializerMethodField()
    slug = serializers.CharField(source="city.slug", read_only=True, help_text="城市名的拼音。")
    name = serializers.CharField(source="city.name", read_only=True, help_text="简体中文城市名。")
    name_traditional = serializers.CharField(
        source="city.name_traditional", read_only=True, help_text="来源发布的繁体写法。"
    )
    province = serializers.CharField(source="city.province", read_only=True)
    region = serializers.ChoiceField(source="city.region", choices=Region.choices, read_only=True)
    region_name = serializers.CharField(source="city.get_region_display", read_only=True)
    average_monthly = serializers.IntegerField(min_value=1, max_value=10**7, help_text="平均月薪(元),按来源原样。")
    unit = serializers.CharField(source="dataset.unit", read_only=True)
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
            "dataset",
            "citations",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, salary):
        return reverse("api:city-detail", kwargs={"slug": salary.city.slug}, request=self.context.get("request"))


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


class SalaryBandSerializer(CitedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:salary-band-detail", lookup_field="slug")
    minimum = serializers.IntegerField(min_value=1, max_value=10**7, help_text="下限(元/月)。")
    maximum = serializers.IntegerField(min_value=1, max_value=10**7, help_text="上限(元/月)。")

    class Meta:
        model = SalaryBand
        fields = ["url", "slug", "name", "order", "minimum", "maximum", "citations"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        minimum = attrs.get("minimum", getattr(self.instance, "minimum", None))
        maximum = attrs.get("maximum", getattr(self.instance, "maximum", None))
        if minimum is not None and maximum is not None and maximum < minimum:
            raise serializers.ValidationError({"maximum": ["上限不能低于下限。"]})
        return attrs


class StatisticsSerializer(serializers.Serializer):
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
