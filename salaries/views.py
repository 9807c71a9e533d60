from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.cache import cache_parameters
from salaries.adjustment import Adjustment, attach
from salaries.filters import CityFilter
from salaries.models import STAGE_READING, CitySalary, Region, SalaryBand, SalaryDataset, StatisticalRelease
from skills.models import with_sources

DEFAULT_SORT = "-salary"
COMPARE_MIN, COMPARE_MAX = 2, 4


def dataset_context():
    """What every salary page shows beside the numbers: the dataset with its caveats, the bands, the averages,
    and the official figures that say what the dataset's amounts mean today."""
    dataset = SalaryDataset.objects.select_related("source").prefetch_related(with_sources()).first()
    return {
        "dataset": dataset,
        "adjustment": Adjustment.for_dataset(dataset),
        "bands": SalaryBand.objects.prefetch_related(with_sources()),
        "stage_reading": STAGE_READING,
        "overall": CitySalary.objects.summary(),
    }


# The page's parameters are the API's filters under the page's own names; the FilterSet validates both.
PAGE_PARAMETERS = {"sort": "ordering", "region": "region"}


@cache_parameters(*PAGE_PARAMETERS)
def city_list(request):
    asked = {name: request.GET[param] for param, name in PAGE_PARAMETERS.items() if request.GET.get(param)}
    filters = CityFilter({"ordering": DEFAULT_SORT, **asked}, queryset=CitySalary.objects.sorted_by(DEFAULT_SORT))
    errors = []
    if "ordering" in filters.errors:
        errors.append(_("不支持这种排序方式,已按平均月薪从高到低排列。"))
    if "region" in filters.errors:
        errors.append(_("没有这个地区,下面列出全部城市。"))
    salaries = filters.qs
    sort = filters.form.cleaned_data.get("ordering") or DEFAULT_SORT
    region = filters.form.cleaned_data.get("region") or ""
    shared = dataset_context()
    context = {
        **shared,
        "salaries": attach(salaries, shared["adjustment"]),
        "regional": salaries.summary() if region else None,
        "sort": sort,
        "region": region,
        "region_label": Region(region).label if region else "",
        "regions": Region.choices,
        "errors": errors,
    }
    return render(request, "salaries/index.html", context, status=400 if errors else 200)


def city_detail(request, slug):
    salary = get_object_or_404(CitySalary.objects.with_city().prefetch_related(with_sources()), city__slug=slug)
    context = dataset_context()
    context["all_salaries"] = attach(CitySalary.objects.ranked(), context["adjustment"])
    context["salary"] = attach([salary], context["adjustment"])[0]
    context["rank"] = next(i for i, row in enumerate(context["all_salaries"], 1) if row.pk == salary.pk)
    context["difference"] = salary.average_monthly - context["overall"]["average"]
    return render(request, "salaries/city.html", context)


@cache_parameters("cities")
def compare(request):
    # Accept both ?cities=a,b (shareable links) and repeated ?cities=a&cities=b (the form's checkboxes).
    slugs = list(
        dict.fromkeys(
            slug.strip() for value in request.GET.getlist("cities") for slug in value.split(",") if slug.strip()
        )
    )
    salaries, error = [], None
    if slugs and not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        error = _("请选择 %(low)s 到 %(high)s 个城市进行对比。") % {"low": COMPARE_MIN, "high": COMPARE_MAX}
    elif slugs:
        found = {row.city.slug: row for row in CitySalary.objects.with_city().filter(city__slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            error = _("找不到这些城市:%(slugs)s。请从下面的列表中选择。") % {
                "slugs": "、".join(slug[:30] for slug in unknown)
            }
        else:
            salaries = [found[slug] for slug in slugs]
    shared = dataset_context()
    context = {
        **shared,
        "salaries": attach(salaries, shared["adjustment"]),
        "selected": slugs,
        "choices": CitySalary.objects.sorted_by("name"),
        "error": error,
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }
    return render(request, "salaries/compare.html", context, status=400 if error else 200)


def method(request):
    """How the 2010 amounts are put into today's context: formula, every factor with its release, caveats."""
    context = dataset_context()
    context["releases"] = StatisticalRelease.objects.prefetch_related("figures")
    example = CitySalary.objects.ranked().last()
    context["example"] = attach([example], context["adjustment"])[0] if example else None
    return render(request, "salaries/method.html", context)
