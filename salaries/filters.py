import django_filters
from django import forms

from core.api.filters import StrictFilterSet
from core.chinese import search_forms
from salaries.models import SORTS, CitySalary, Region

SALARY_LIMITS = {"min_value": 0, "max_value": 10**7}


class YuanFilter(django_filters.NumberFilter):
    """Whole yuan, as the source publishes them; 3000.5 is a client mistake, not a rounding question."""

    field_class = forms.IntegerField


class CityFilter(StrictFilterSet):
    region = django_filters.ChoiceFilter(
        field_name="city__region", choices=Region.choices, help_text="地区,如 east(华东)。"
    )
    min_salary = YuanFilter(
        field_name="average_monthly", lookup_expr="gte", help_text="平均月薪不低于(元)。", **SALARY_LIMITS
    )
    max_salary = YuanFilter(
        field_name="average_monthly", lookup_expr="lte", help_text="平均月薪不高于(元)。", **SALARY_LIMITS
    )
    q = django_filters.CharFilter(method="filter_text", max_length=20, help_text="城市名或省份;繁体写法也可。")
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in SORTS],
        method="filter_ordering",
        empty_label=None,
        help_text="salary / -salary 按月薪,name / -name 按城市拼音。",
    )

    class Meta:
        model = CitySalary
        fields = ["region", "min_salary", "max_salary", "q", "ordering"]

    def filter_text(self, queryset, name, value):
        return queryset.matching(*search_forms(value.strip()), original=value.strip())

    def filter_ordering(self, queryset, name, value):
        return queryset.sorted_by(value)
