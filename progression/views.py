from django.http import Http404
from django.shortcuts import render

from progression.models import CareerAdvice, Challenge, Resource, Stage, StoryStep, Track, compare_tracks
from skills.models import with_citations, with_sources


def stage_list(request):
    stages, tracks, challenges, advice, story = with_citations(
        Stage.objects.prefetch_related("requirements__skill"),
        Track.objects.prefetch_related("skills"),
        Challenge.objects.all(),
        CareerAdvice.objects.all(),
        StoryStep.objects.all(),
    )
    context = {
        "stages": stages,
        "tracks": compare_tracks(tracks),
        "challenges": challenges,
        "advice": advice,
        "story": story,
    }
    return render(request, "progression/index.html", context)


def stage_detail(request, slug):
    # All four stages in one go: the page draws the whole path with this one highlighted.
    stages = list(
        Stage.objects.prefetch_related("requirements__skill", with_sources(), with_sources("requirements__citations"))
    )
    stage = next((s for s in stages if s.slug == slug), None)
    if stage is None:
        raise Http404
    index = stages.index(stage)
    following = stages[index + 1] if index + 1 < len(stages) else None
    new, raised = stage.added_by(following) if following else ([], [])
    context = {
        "stage": stage,
        "stages": stages,
        "previous": stages[index - 1] if index > 0 else None,
        "next": following,
        "new_requirements": new,
        "raised_requirements": raised,
    }
    return render(request, "progression/stage.html", context)


def learning(request):
    groups = Resource.objects.with_skills().by_kind()
    context = {
        "groups": [(kind, resources) for kind, resources in groups if kind != Resource.Kind.EXAMPLE],
        "examples": dict(groups).get(Resource.Kind.EXAMPLE, []),
        "coverage": Resource.objects.for_learning().coverage(),
    }
    return render(request, "progression/learning.html", context)
