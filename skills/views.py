from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.cache import cache_parameters
from core.fragments import lazy
from skills.filters import SkillFilter
from skills.models import Skill, SkillCategory


@cache_parameters("category")
def skill_list(request):
    # The same filter as the API's ?category=, so the page and the API accept and refuse the same values.
    asked = {"category": request.GET["category"]} if request.GET.get("category") else {}
    # The list shows each skill's name, category and definition: prefetching levels and aliases it never shows
    # was a third of what the first reader after an edit paid.
    filters = SkillFilter(asked, queryset=Skill.objects.select_related("category"))
    error = _("没有这个技能类别,下面列出全部技能。") if filters.errors else None
    context = {
        "categories": SkillCategory.objects.all(),
        "category": filters.form.cleaned_data.get("category"),
        "skills": filters.qs,
        "coverage": lazy(filters.qs.coverage),
        "error": error,
    }
    return render(request, "skills/list.html", context, status=400 if error else 200)


def skill_detail(request, slug):
    # The name for the title and the 404 here; the rest only when the page's fragment is rendered.
    name = get_object_or_404(Skill.objects.values_list("name", flat=True), slug=slug)
    context = {"title": name, "skill": lazy(lambda: Skill.objects.with_context().get(slug=slug))}
    return render(request, "skills/detail.html", context)
