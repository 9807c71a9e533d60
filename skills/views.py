from django.shortcuts import get_object_or_404, render

from skills.models import Skill


def skill_list(request):
    return render(request, "skills/list.html", {"skills": Skill.objects.with_levels()})


def skill_detail(request, slug):
    skill = get_object_or_404(Skill.objects.with_details(), slug=slug)
    return render(request, "skills/detail.html", {"skill": skill})
