"""URL wiring of REST API v1 (the views live in each app's api package)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from assessment.api.views import AssessmentView
from careerguide.api import views as site
from progression.api import views as progression
from salaries.api import views as salaries
from skills.api import views as skills

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("sources", skills.SourceViewSet, basename="source")
router.register("categories", skills.CategoryViewSet, basename="category")
router.register("skills", skills.SkillViewSet, basename="skill")
router.register(r"skills/(?P<skill_slug>[-a-zA-Z0-9_]+)/levels", skills.LevelViewSet, basename="level")
router.register("stages", progression.StageViewSet, basename="stage")
router.register("tracks", progression.TrackViewSet, basename="track")
router.register("challenges", progression.ChallengeViewSet, basename="challenge")
router.register("advice", progression.CareerAdviceViewSet, basename="advice")
router.register("story", progression.StoryStepViewSet, basename="story")
router.register("overview", progression.OverviewViewSet, basename="overview")
router.register("resources", progression.ResourceViewSet, basename="resource")
router.register("cities", salaries.CityViewSet, basename="city")
router.register("salary-bands", salaries.SalaryBandViewSet, basename="salary-band")
router.register("salary-datasets", salaries.SalaryDatasetViewSet, basename="salary-dataset")
router.register("wage-statistics", salaries.StatisticalReleaseViewSet, basename="wage-statistics")

# Every top-level collection, for /meta/ and the bulk download (levels are inside each skill).
collections = [entry for entry in router.registry if "(" not in entry[0]]
names = "|".join(prefix for prefix, _viewset, _basename in collections)

v1 = [
    path("", site.MetaView.as_view(resources=collections, schema=None), name="root"),  # /meta/ in the schema
    path("meta/", site.MetaView.as_view(resources=collections), name="meta"),
    path("salary-summary/", salaries.SalarySummaryView.as_view(), name="salary-summary"),
    path("assessments/", AssessmentView.as_view(), name="assessments"),
    path("download/", site.BulkDownloadView.as_view(resources=collections), name="download"),
    re_path(
        rf"^download/(?P<resource>{names})\.csv$",
        site.CSVDownloadView.as_view(resources=collections),
        name="download-csv",
    ),
    *router.urls,
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # No metadata: DRF's OPTIONS answer would try to render this HTML page's template and fail with a 500.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", metadata_class=None), name="docs"),
    re_path(r"^", site.not_found),  # any other path under /api/, newlines included, is a JSON 404
]
