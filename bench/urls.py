"""The guide's URLs plus the framework floor: a view that does nothing, behind every middleware."""

from django.http import HttpResponse
from django.urls import path

from careerguide import guide_urls as project

handler500 = getattr(project, "handler500", None)


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor", floor), *project.urlpatterns]
