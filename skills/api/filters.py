import django_filters

from skills.api.base import to_simplified
from skills.models import Skill, SkillCategory


class StrictFilterSet(django_filters.FilterSet):
    """`?region=` with nothing after it is a client mistake, not "no filter": the schema offers no empty choice."""

    def is_valid(self):
        valid = super().is_valid()
        empty = [
            name for name, spec in self.filters.items()
            if not isinstance(spec, django_filters.CharFilter) and self.data.get(name) == ""
        ]
        for name in empty:
            self.form.add_error(name, "不能为空;不需要这个条件时请省略该参数。")
        return valid and not empty


class SkillFilter(StrictFilterSet):
    category = django_filters.ModelChoiceFilter(
        field_name="category", to_field_name="slug", queryset=SkillCategory.objects.all(), help_text="类别标识,如 technical。"
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=50, help_text="在名称、别名、定义和应用场景中搜索;繁体输入按简体匹配。"
    )

    class Meta:
        model = Skill
        fields = ["category", "q"]

    def filter_text(self, queryset, name, value):
        # Content is stored in Simplified script; a reader typing Traditional must find the same skills.
        return queryset.matching(to_simplified(value.strip()))
