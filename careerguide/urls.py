from django.contrib import admin
from django.urls import include, path

from careerguide import views
from progression import views as progression_views

admin.site.site_header = "客服职业导航 · 管理后台"
admin.site.site_title = "客服职业导航"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("", views.home, name="home"),
    path("skills/", include("skills.urls")),
    path("progression/", include("progression.urls")),
    path("salaries/", include("salaries.urls")),
    path("learning/", progression_views.learning, name="learning"),
    path("search/", views.search, name="search"),
    path("sources/", views.sources, name="sources"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
