from django.http import Http404
from django.shortcuts import render

from progression.models import CareerAdvice, Challenge, Resource, Stage, StoryStep, Track
from skills.models import with_citations


def stage_list(request):
    stages, tracks, challenges, advice, story = with_citations(
        Stage.objects.prefetch_related("requirements__skill"),
        Track.objects.prefetch_related("skills"),
        Challenge.objects.all(),
        CareerAdvice.objects.all(),
        StoryStep.objects.all(),
    )
    context = {"stages": stages, "tracks": tracks, "challenges": challenges, "advice": advice, "story": story}
    return render(request, "progression/index.html", context)


def stage_detail(request, slug):
    # All four stages in one go: the page draws the whole path with this one highlighted.
    stages = list(Stage.objects.with_requirements())
    stage = next((s for s in stages if s.slug == slug), None)
    if stage is None:
        raise Http404
    index = stages.index(stage)
    context = {
        "stage": stage,
        "stages": stages,
        "previous": stages[index - 1] if index > 0 else None,
        "next": stages[index + 1] if index + 1 < len(stages) else None,
    }
    return render(request, "progression/stage.html", context)


def learning(request):
    context = {"groups": Resource.objects.with_skills().by_kind(), "coverage": Resource.objects.coverage()}
    return render(request, "progression/learning.html", context)
