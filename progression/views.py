from functools import partial

from django.shortcuts import get_object_or_404, render

from core.fragments import lazy, lazy_values
from progression.models import CareerAdvice, Challenge, Resource, Stage, StoryStep, Track, compare_tracks
from skills.models import with_citations, with_sources


def stage_list(request):
    # Read only when the page's fragment is rendered (core.fragments): once per edit, not per request.
    cited = lazy(
        with_citations,
        Stage.objects.with_requirement_skills(),
        Track.objects.prefetch_related("skills"),
        Challenge.objects.all(),
        CareerAdvice.objects.all(),
        StoryStep.objects.all(),
    )
    context = {
        "stages": lazy(lambda: cited[0]),
        "tracks": lazy(lambda: compare_tracks(cited[1])),
        "challenges": lazy(lambda: cited[2]),
        "advice": lazy(lambda: cited[3]),
        "story": lazy(lambda: cited[4]),
    }
    return render(request, "progression/index.html", context)


def stage_detail(request, slug):
    name = get_object_or_404(Stage.objects.values_list("name", flat=True), slug=slug)
    page = lazy_values(partial(stage_page, slug), *STAGE_PAGE)
    return render(request, "progression/stage.html", {"title": name, **page})


STAGE_PAGE = ("stage", "stages", "previous", "next", "new_requirements", "raised_requirements")


def stage_page(slug):
    # All four stages in one go: the page draws the whole path with this one highlighted.
    stages = list(
        Stage.objects.with_requirement_skills().prefetch_related(
            with_sources(), with_sources("requirements__citations")
        )
    )
    stage = next(s for s in stages if s.slug == slug)
    index = stages.index(stage)
    following = stages[index + 1] if index + 1 < len(stages) else None
    new, raised = stage.added_by(following) if following else ([], [])
    return {
        "stage": stage,
        "stages": stages,
        "previous": stages[index - 1] if index > 0 else None,
        "next": following,
        "new_requirements": new,
        "raised_requirements": raised,
    }


def learning(request):
    groups = lazy(lambda: Resource.objects.with_skills().by_kind())
    context = {
        "groups": lazy(lambda: [(kind, resources) for kind, resources in groups if kind != Resource.Kind.EXAMPLE]),
        "examples": lazy(lambda: dict(groups).get(Resource.Kind.EXAMPLE, [])),
        "coverage": lazy(Resource.objects.for_learning().coverage),
    }
    return render(request, "progression/learning.html", context)
