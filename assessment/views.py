from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from assessment.forms import GOAL_STEP, AssessmentForm, Steps
from assessment.report import Catalog
from core.versioning import data_version
from salaries.models import STAGE_READING


def catalog_of(request):
    # The version the request read when it began, before anything else: the catalog is kept under it.
    return Catalog.current(data_version(request))


def has_answers(request):
    # A link with only foreign parameters (a chat app's tracking) shows a fresh form.
    return any(AssessmentForm.is_answer(key) for key in request.GET)


def private(response):
    # A page showing someone's answers must not land in the server's response cache or a shared proxy.
    add_never_cache_headers(response)
    return response


def assessment_form(request):
    """Step 1 chooses the goal; later steps rate only what it needs; ?all=1 is the form with every skill."""
    catalog = catalog_of(request)
    full = "all" in request.GET
    if not has_answers(request) and not full:
        return goal_page(request, AssessmentForm(catalog=catalog, initial={"v": catalog.version}))
    form = AssessmentForm.prefilled(request.GET, catalog)
    form.is_valid()
    # The plan records the data version its answers were given against (kept from an earlier step).
    form.cleaned_data.setdefault("v", "")
    form.cleaned_data["v"] = form.cleaned_data["v"] or catalog.version
    return answers_page(request, form, full=full)


def answers_page(request, form, *, full=False, status=None):
    """The page where the answers (or their mistakes) belong: the goal, the step with a wrong rating, or all."""
    if full or (not form.has_goal() and form.skill_errors()):
        return full_page(request, form, status)
    if not form.has_goal() or (form.cleaned_data.get("step") == GOAL_STEP and not form.errors):
        return goal_page(request, form, status)
    steps = Steps(form)
    if not steps.holds_every_error():
        return full_page(request, form, status)
    number = steps.number()
    context = {
        "form": form,
        "steps": steps,
        "number": number,
        "page": steps.page(number),
        "kept": form.kept_answers(shown=steps.page(number)),
        "is_last": number == steps.total,
    }
    return private(render(request, "assessment/step.html", context, status=status or code(form)))


def full_page(request, form, status=None):
    return private(render(request, "assessment/form.html", {"form": form}, status=status or code(form)))


def goal_page(request, form, status=None):
    if form.is_bound:
        hidden = [(name, value) for name, value in form.kept_answers() if name not in ("stage", "track", "city")]
    else:
        hidden = [("v", form.initial["v"])]
    context = {"form": form, "hidden": hidden}
    response = render(request, "assessment/goal.html", context, status=status or code(form))
    # The blank first step is the same for everyone under a data version, which the response cache keys pages by:
    # it is served from there. With answers in the link, the page is someone's.
    return private(response) if form.is_bound else response


def code(form):
    return 400 if form.errors else 200


def assessment_result(request):
    form = AssessmentForm(request.GET, catalog=catalog_of(request))
    if not form.is_valid():
        return answers_page(request, form, status=400)
    assessment = form.assessment()
    version = form.version()
    context = {
        "form": form,
        "assessment": assessment,
        "query": assessment.query_string(),
        "permalink": assessment.query_string(version or assessment.catalog.version),
        "changes": assessment.changes_since(version),
        "stage_reading": STAGE_READING,
    }
    return private(render(request, "assessment/result.html", context))
