from django.shortcuts import render

from progression.models import Challenge, OverviewEntry, Resource, Stage, Track
from salaries.models import CitySalary
from skills.models import Skill, SkillCategory, Source


def home(request):
    sections = [
        ("技能", SkillCategory.objects.count(), "个类别", Skill.objects.count(), "项技能"),
        ("发展路径", Stage.objects.count(), "个阶段", Track.objects.count(), "条通道"),
        ("职业挑战", Challenge.objects.count(), "项挑战", None, ""),
        ("学习资源", Resource.objects.count(), "项资源", None, ""),
        ("城市薪资", CitySalary.objects.count(), "个城市", None, ""),
        ("职业概况", OverviewEntry.objects.count(), "条信息", None, ""),
        ("来源文档", Source.objects.count(), "份文档", None, ""),
    ]
    return render(request, "home.html", {"sections": sections})
