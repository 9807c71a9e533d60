from django.urls import path

from salaries import views

app_name = "salaries"
urlpatterns = [
    path("", views.city_list, name="index"),
    path("compare/", views.compare, name="compare"),
    path("method/", views.method, name="method"),
    path("<slug:slug>/", views.city_detail, name="city"),
]
