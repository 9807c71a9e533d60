import django_filters

from core.api.filters import StrictFilterSet
from core.chinese import search_forms
from skills.models import Skill, SkillCategory


class SkillFilter(StrictFilterSet):
    category = django_filters.ModelChoiceFilter(
        field_name="category",
        to_field_name="slug",
        queryset=SkillCategory.objects.all(),
        help_text="类别标识,如 technical。",
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=50, help_text="在名称、别名、定义和应用场景中搜索;繁体输入按简体匹配。"
    )

    class Meta:
        model = Skill
        fields = ["category", "q"]

    def filter_text(self, queryset, name, value):
        # Content is stored in Simplified script; a reader typing Traditional must find the same skills.
        return queryset.matching(*search_forms(value.strip()))
