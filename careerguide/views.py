from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.cache import cache_parameters
from core.chinese import to_simplified
from progression.models import OverviewEntry, Resource, Stage
from salaries.models import CitySalary, SalaryDataset
from skills.models import Skill, SkillCategory, Source, with_sources

QUERY_MIN, QUERY_MAX = 2, 50


def home(request):
    context = {
        "overview": OverviewEntry.objects.select_related("skill").prefetch_related(with_sources()).by_section(),
        "categories": SkillCategory.objects.annotate(skill_count=Count("skills")),
        "stages": Stage.objects.all(),
        "salary": CitySalary.objects.summary(),
        "salary_dataset": SalaryDataset.objects.first(),
    }
    return render(request, "home.html", context)


def by_relevance(skills, query):
    """Skills named by the query first, then those with such an alias, then those that only mention it."""

    def rank(skill):
        if query in skill.name:
            return 0
        return 1 if any(query in alias.name for alias in skill.aliases.all()) else 2

    return sorted(skills, key=rank)


@cache_parameters("q")
def search(request):
    typed = request.GET.get("q", "").strip()
    context = {"q": typed, "message": None, "results": None}
    if not typed:
        context["message"] = _("请输入要搜索的内容,例如“沟通”“北京”或“入职期”。")
    elif len(typed) < QUERY_MIN:
        context["message"] = _("请至少输入 %(count)s 个字,只有一个字会匹配到太多内容。") % {"count": QUERY_MIN}
    elif len(typed) > QUERY_MAX:
        context["message"] = _("搜索内容太长了,请控制在 %(count)s 个字以内。") % {"count": QUERY_MAX}
    else:
        query = to_simplified(typed)  # 溝通 finds 沟通: the content is stored in Simplified
        context["results"] = {
            "skills": by_relevance(
                Skill.objects.select_related("category").prefetch_related("aliases").matching(query), query
            ),
            "stages": list(Stage.objects.matching(query)),
            "resources": list(Resource.objects.matching(query)),
            "cities": list(CitySalary.objects.with_city().matching(query, original=typed)),
        }
        context["total"] = sum(len(found) for found in context["results"].values())
    return render(request, "search.html", context)


def sources(request):
    context = {
        "sources": Source.objects.annotate(citation_count=Count("citations")),
        "datasets": SalaryDataset.objects.select_related("source"),
    }
    return render(request, "sources.html", context)


def source(request, slug):
    source = get_object_or_404(Source, slug=slug)
    context = {
        "source": source,
        "citation_count": source.citations.count(),
        "record_count": source.citations.values("content_type", "object_id").distinct().count(),
        "datasets": SalaryDataset.objects.filter(source=source),
    }
    return render(request, "source.html", context)
