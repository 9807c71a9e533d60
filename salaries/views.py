from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.cache import cache_parameters
from salaries.filters import CityFilter
from salaries.models import CitySalary, Region, SalaryBand, SalaryDataset
from skills.models import with_sources

DEFAULT_SORT = "-salary"
COMPARE_MIN, COMPARE_MAX = 2, 4


def dataset_context():
    """What every salary page shows beside the numbers: the dataset with its caveats, the bands, the averages."""
    dataset = SalaryDataset.objects.select_related("source").prefetch_related(with_sources()).first()
    return {
        "dataset": dataset,
        "bands": SalaryBand.objects.prefetch_related(with_sources()),
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
    context = {
        **dataset_context(),
        "salaries": list(salaries),
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
    context = {**dataset_context(), "salary": salary, "all_salaries": list(CitySalary.objects.ranked())}
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
    context = {
        **dataset_context(),
        "salaries": salaries,
        "selected": slugs,
        "choices": CitySalary.objects.sorted_by("name"),
        "error": error,
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }
    return render(request, "salaries/compare.html", context, status=400 if error else 200)
