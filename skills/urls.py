from django.urls import path

from skills import views

app_name = "skills"
urlpatterns = [
    path("", views.skill_list, name="list"),
    path("<slug:slug>/", views.skill_detail, name="detail"),
]
