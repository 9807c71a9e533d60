from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.cache import cache_parameters
from core.fragments import lazy_values
from salaries.adjustment import Adjustment, attach
from salaries.models import SORTS, CitySalary, Region, SalaryBand, SalaryDataset, StatisticalRelease, statistics_of
from skills.models import with_citations

DEFAULT_SORT = "-salary"
COMPARE_MIN, COMPARE_MAX = 2, 4


def dataset_and_adjustment():
    """What every salary page shows beside the numbers: the dataset with its caveats, and the official figures
    that say what its amounts mean today."""
    dataset = SalaryDataset.objects.first()
    return dataset, Adjustment.for_dataset(dataset)


# The page's parameters take the values of the API's filters (salaries.filters.CityFilter: SORTS, Region), checked
# here without building the FilterSet, which would cost more than the rest of a page read from its fragment.
PAGE_PARAMETERS = ("sort", "region")


@cache_parameters(*PAGE_PARAMETERS)
def city_list(request):
    sort, region = request.GET.get("sort") or DEFAULT_SORT, request.GET.get("region") or ""
    errors = []
    if sort not in SORTS:
        errors.append(_("不支持这种排序方式,已按平均月薪从高到低排列。"))
        sort = DEFAULT_SORT
    if region and region not in Region.values:
        errors.append(_("没有这个地区,下面列出全部城市。"))
        region = ""

    def load():
        dataset, adjustment = dataset_and_adjustment()
        [bands] = with_citations(SalaryBand.objects.all())
        listed = CitySalary.objects.sorted_by(sort)
        salaries = attach(listed.in_region(region) if region else listed, adjustment)
        # The listed rows are every city unless a region is chosen: their figures are the overall ones then.
        shown = statistics_of([row.average_monthly for row in salaries])
        overall = CitySalary.objects.summary() if region else shown
        return {
            "dataset": dataset,
            "adjustment": adjustment,
            "bands": bands,
            "salaries": salaries,
            "overall": overall,
            "regional": shown if region else None,
        }

    context = {
        **lazy_values(load, "dataset", "adjustment", "bands", "salaries", "overall", "regional"),
        "sort": sort,
        "region": region,
        "region_label": Region(region).label if region else "",
        "regions": Region.choices,
        "errors": errors,
    }
    return render(request, "salaries/index.html", context, status=400 if errors else 200)


def city_detail(request, slug):
    # The one query a page read from its fragment still makes: whether the city exists, and its name for the title.
    salary = get_object_or_404(CitySalary.objects.select_related("city"), city__slug=slug)

    def load():
        dataset, adjustment = dataset_and_adjustment()
        ranked = attach(CitySalary.objects.ranked(), adjustment)
        rank, row = next((rank, row) for rank, row in enumerate(ranked, 1) if row.pk == salary.pk)
        bands, _ = with_citations(SalaryBand.objects.all(), [row])
        return {
            "dataset": dataset,
            "adjustment": adjustment,
            "bands": bands,
            "all_salaries": ranked,
            "salary": row,
            "rank": rank,
            "overall": statistics_of([row.average_monthly for row in ranked]),
        }

    return render(
        request,
        "salaries/city.html",
        {
            **lazy_values(load, "dataset", "adjustment", "bands", "all_salaries", "salary", "rank", "overall"),
            "city": salary.city,
        },
    )


@cache_parameters("cities")
def compare(request):
    # Accept both ?cities=a,b (shareable links) and repeated ?cities=a&cities=b (the form's checkboxes).
    slugs = list(
        dict.fromkeys(
            slug.strip() for value in request.GET.getlist("cities") for slug in value.split(",") if slug.strip()
        )
    )
    error = None
    known = (
        set(CitySalary.objects.filter(city__slug__in=slugs).values_list("city__slug", flat=True)) if slugs else set()
    )
    if slugs and not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        error = _("请选择 %(low)s 到 %(high)s 个城市进行对比。") % {"low": COMPARE_MIN, "high": COMPARE_MAX}
    elif slugs:
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            error = _("找不到这些城市:%(slugs)s。请从下面的列表中选择。") % {
                "slugs": "、".join(slug[:30] for slug in unknown)
            }
    compared = [] if error else slugs

    def load():
        dataset, adjustment = dataset_and_adjustment()
        choices = list(CitySalary.objects.sorted_by("name"))
        by_slug = {row.city.slug: row for row in choices}
        return {
            "dataset": dataset,
            "adjustment": adjustment,
            "salaries": attach([by_slug[slug] for slug in compared if slug in by_slug], adjustment),
            "choices": choices,
            "overall": statistics_of([row.average_monthly for row in choices]),
        }

    context = {
        **lazy_values(load, "dataset", "adjustment", "salaries", "choices", "overall"),
        "selected": slugs,
        # The fragment's key: only cities that exist (typed slugs appear in the error, outside the fragment), so
        # made-up addresses cannot fill the cache.
        "known_selected": [slug for slug in slugs if slug in known],
        "error": error,
        "error_kind": bool(error),
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }
    return render(request, "salaries/compare.html", context, status=400 if error else 200)


def method(request):
    """How the 2010 amounts are put into today's context: formula, every factor with its release, caveats."""

    def load():
        dataset = SalaryDataset.objects.first()
        releases = list(StatisticalRelease.objects.prefetch_related("figures"))
        figures = [figure for release in releases for figure in release.figures.all()]
        adjustment = Adjustment.from_figures(dataset.as_of.year, figures) if dataset else None
        example = CitySalary.objects.ranked().last()
        return {
            "dataset": dataset,
            "adjustment": adjustment,
            "releases": releases,
            "example": attach([example], adjustment)[0] if example else None,
        }

    return render(request, "salaries/method.html", lazy_values(load, "dataset", "adjustment", "releases", "example"))
