from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from assessment.forms import AssessmentForm
from assessment.report import Catalog
from salaries.models import STAGE_READING


def has_answers(request):
    # A link with only foreign parameters (a chat app's tracking) shows a fresh form.
    return any(AssessmentForm.is_answer(key) for key in request.GET)


def private(response):
    # A page showing someone's answers must not land in the server's response cache or a shared proxy.
    add_never_cache_headers(response)
    return response


def assessment_form(request):
    catalog = Catalog()
    if not has_answers(request):
        return render(request, "assessment/form.html", {"form": AssessmentForm(catalog=catalog)})
    form = AssessmentForm.prefilled(request.GET, catalog)
    return private(render(request, "assessment/form.html", {"form": form}, status=400 if form.errors else 200))


def assessment_result(request):
    form = AssessmentForm(request.GET, catalog=Catalog())
    if not form.is_valid():
        return private(render(request, "assessment/form.html", {"form": form}, status=400))
    assessment = form.assessment()
    context = {
        "form": form,
        "assessment": assessment,
        "query": assessment.query_string(),
        "stage_reading": STAGE_READING,
    }
    return private(render(request, "assessment/result.html", context))
