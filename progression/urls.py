from django.urls import path

from progression import views

app_name = "progression"
urlpatterns = [
    path("", views.stage_list, name="index"),
    path("<slug:slug>/", views.stage_detail, name="stage"),
]
