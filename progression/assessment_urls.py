from django.urls import path

from progression import assessment_views

app_name = "assessment"
urlpatterns = [
    path("", assessment_views.assessment_form, name="form"),
    path("result/", assessment_views.assessment_result, name="result"),
]
