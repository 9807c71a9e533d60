from django.shortcuts import render

from progression.assessment import Catalog
from progression.forms import AssessmentForm


def answers(request):
    """The query string when it carries answers; a link with only foreign parameters shows a fresh form."""
    return request.GET if any(AssessmentForm.is_answer(key) for key in request.GET) else None


def assessment_form(request):
    form = AssessmentForm(answers(request), catalog=Catalog())
    invalid = form.is_bound and not form.is_valid()
    return render(request, "assessment/form.html", {"form": form}, status=400 if invalid else 200)


def assessment_result(request):
    form = AssessmentForm(request.GET, catalog=Catalog())
    if not form.is_valid():
        return render(request, "assessment/form.html", {"form": form}, status=400)
    assessment = form.assessment()
    context = {"form": form, "assessment": assessment, "query": assessment.query_string()}
    return render(request, "assessment/result.html", context)
