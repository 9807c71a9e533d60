from django.shortcuts import get_object_or_404, render

from progression.models import Stage


def stage_list(request):
    return render(request, "progression/index.html", {"stages": Stage.objects.with_requirements()})


def stage_detail(request, slug):
    stage = get_object_or_404(Stage.objects.with_requirements(), slug=slug)
    return render(request, "progression/stage.html", {"stage": stage})
