from django.shortcuts import get_object_or_404, render

from salaries.models import CitySalary


def city_list(request):
    return render(request, "salaries/index.html", {"salaries": CitySalary.objects.ranked()})


def city_detail(request, slug):
    salary = get_object_or_404(CitySalary.objects.with_city(), city__slug=slug)
    return render(request, "salaries/city.html", {"salary": salary})
