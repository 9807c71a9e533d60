"""The guide's URLs: its pages and API, everything but the admin. Requests outside the admin are resolved against
these alone (core.urlconfs), so a process that only serves the guide never imports the admin's modules."""

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from careerguide import views
from core import health
from progression import views as progression_views

urlpatterns = [
    path("", views.home, name="home"),
    path("skills/", include("skills.urls")),
    path("progression/", include("progression.urls")),
    path("salaries/", include("salaries.urls")),
    path("assessment/", include("assessment.urls")),
    path("learning/", progression_views.learning, name="learning"),
    path("search/", views.search, name="search"),
    path("sources/", views.sources, name="sources"),
    path("sources/<slug:slug>/", views.source, name="source"),
    # Exempt so that no page has to carry a CSRF token (and its cookie), which keeps every page cacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("api/", include("careerguide.api.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]

handler400 = "core.errors.bad_request"
handler500 = "core.errors.server_error"
