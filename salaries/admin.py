from django.contrib import admin
from django.db import models

from salaries.models import City, CitySalary, SalaryBand, SalaryDataset
from skills.admin import CitationInline

# The form's own lower bound (0) would answer before the model's validator with a vaguer message.
POSITIVE_SALARY = {models.PositiveIntegerField: {"min_value": 1, "error_messages": {"min_value": "月薪必须是正数。"}}}


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "name_traditional", "province", "region"]
    list_filter = ["region"]
    search_fields = ["name", "name_traditional", "province", "slug"]


@admin.register(SalaryDataset)
class SalaryDatasetAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "as_of", "unit"]
    inlines = [CitationInline]


@admin.register(CitySalary)
class CitySalaryAdmin(admin.ModelAdmin):
    list_display = ["city", "average_monthly", "dataset"]
    formfield_overrides = POSITIVE_SALARY
    list_filter = ["dataset", "city__region"]
    list_select_related = ["city", "dataset"]
    search_fields = ["city__name", "city__name_traditional"]
    inlines = [CitationInline]


@admin.register(SalaryBand)
class SalaryBandAdmin(admin.ModelAdmin):
    list_display = ["name", "minimum", "maximum", "order"]
    formfield_overrides = POSITIVE_SALARY
    inlines = [CitationInline]
