import django_filters

from core.api.filters import StrictFilterSet
from progression.models import OverviewEntry, Resource
from skills.models import Skill


class ResourceFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=Resource.Kind.choices, help_text="资源类型,如 book、course。")
    skill = django_filters.ModelChoiceFilter(
        field_name="skills",
        to_field_name="slug",
        queryset=Skill.objects.all(),
        help_text="只列出培养该技能的资源(技能标识)。",
    )

    class Meta:
        model = Resource
        fields = ["kind", "skill"]


class OverviewFilter(StrictFilterSet):
    section = django_filters.ChoiceFilter(choices=OverviewEntry.Section.choices, help_text="栏目,如 work、industry。")

    class Meta:
        model = OverviewEntry
        fields = ["section"]
