from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static

from careerguide import search as search_in
from core.cache import cache_parameters
from core.fragments import lazy
from core.versioning import data_version
from progression.models import OverviewEntry, Stage
from salaries.models import CitySalary, SalaryBand, SalaryDataset
from skills.models import SkillCategory, Source, with_citations


def home(request):
    # Read only when the page's fragment is rendered (core.fragments): once per edit, not per request. The four
    # kinds of cited records share one citation query.
    cited = lazy(
        with_citations,
        OverviewEntry.objects.select_related("skill"),
        Stage.objects.all(),
        SalaryDataset.objects.order_by("pk")[:1],  # the first, as .first() would pick
        SalaryBand.objects.all(),
    )
    context = {
        "overview": lazy(lambda: OverviewEntry.by_section(cited[0])),
        "categories": SkillCategory.objects.annotate(skill_count=Count("skills")),
        "stages": lazy(lambda: cited[1]),
        "salary": lazy(CitySalary.objects.summary),
        "salary_dataset": lazy(lambda: next(iter(cited[2]), None)),
        "bands": lazy(lambda: cited[3]),
        # The pay fact rests on the dataset's caveats (its month, entry pay, no benefits) and 001's two bands.
        "pay_records": lazy(lambda: cited[2] + cited[3]),
    }
    return render(request, "home.html", context)


@cache_parameters("q")
def search(request):
    query = search_in.Query(request.GET.get("q", ""))
    context = {"query": query, "q": query.typed, "message": query.problem, "results": None}
    if not query.problem:
        # Searched when the results' fragment is rendered: once per data version for each text typed, in the
        # index of that version.
        results = lazy(search_in.find, query, data_version(request))
        context["results"] = results
        context["total"] = lazy(lambda: sum(len(hits) + hidden for _heading, hits, hidden in results))
        context["suggestions"] = lazy(search_in.suggestions)
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
        "title": f"{source.slug} {source.title}",
        "source": source,
        "citation_count": lazy(lambda: source.citations.count()),
        "record_count": lazy(lambda: source.citations.values("content_type", "object_id").distinct().count()),
        "datasets": SalaryDataset.objects.filter(source=source),
    }
    return render(request, "source.html", context)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon the pages link to."""
    return redirect(static("favicon.svg"))
