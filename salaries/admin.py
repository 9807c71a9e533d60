from django.contrib import admin

from salaries.models import City, CitySalary, SalaryBand, SalaryDataset
from skills.admin import CitationInline


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
    list_filter = ["dataset", "city__region"]
    list_select_related = ["city", "dataset"]
    search_fields = ["city__name", "city__name_traditional"]
    inlines = [CitationInline]


@admin.register(SalaryBand)
class SalaryBandAdmin(admin.ModelAdmin):
    list_display = ["name", "minimum", "maximum", "order"]
    inlines = [CitationInline]
