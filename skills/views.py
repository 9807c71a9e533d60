from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from skills.models import Skill, SkillCategory


def skill_list(request):
    categories = list(SkillCategory.objects.all())
    chosen = request.GET.get("category", "")
    skills = Skill.objects.with_levels()
    category, error, status = None, None, 200
    if chosen:
        category = next((c for c in categories if c.slug == chosen), None)
        if category is None:
            error, status = _("没有这个技能类别,下面列出全部技能。"), 400
        else:
            skills = skills.filter(category=category)
    context = {"categories": categories, "category": category, "skills": skills, "error": error}
    return render(request, "skills/list.html", context, status=status)


def skill_detail(request, slug):
    skill = get_object_or_404(Skill.objects.with_context(), slug=slug)
    return render(request, "skills/detail.html", {"skill": skill})
