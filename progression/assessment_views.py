from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from progression.assessment import Catalog
from progression.forms import AssessmentForm


def answers(request):
    """The query string when it carries answers; a link with only foreign parameters shows a fresh form."""
    return request.GET if any(AssessmentForm.is_answer(key) for key in request.GET) else None


def private(response):
    # A page showing someone's answers must not land in the server's response cache or a shared proxy.
    add_never_cache_headers(response)
    return response


def assessment_form(request):
    form = AssessmentForm(answers(request), catalog=Catalog())
    if not form.is_bound:
        return render(request, "assessment/form.html", {"form": form})
    return private(render(request, "assessment/form.html", {"form": form}, status=200 if form.is_valid() else 400))


def assessment_result(request):
    form = AssessmentForm(request.GET, catalog=Catalog())
    if not form.is_valid():
        return private(render(request, "assessment/form.html", {"form": form}, status=400))
    assessment = form.assessment()
    context = {"form": form, "assessment": assessment, "query": assessment.query_string()}
    return private(render(request, "assessment/result.html", context))
