from django.contrib import admin
from django.db import models

from salaries.models import City, CitySalary, SalaryBand, SalaryDataset, StatisticalFigure, StatisticalRelease
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
    list_display = ["name", "hedge", "minimum", "maximum", "order"]
    formfield_overrides = POSITIVE_SALARY
    inlines = [CitationInline]


class PublishedFacts:
    """Official statistics are published facts: nobody adds, changes or deletes them here, not even a superuser.
    Only `load_guide` (from fixtures/statistics/) or a data migration writes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatisticalFigureInline(PublishedFacts, admin.TabularInline):
    model = StatisticalFigure
    fields = ["name", "year", "value", "unit", "series"]
    readonly_fields = fields
    extra = 0


@admin.register(StatisticalRelease)
class StatisticalReleaseAdmin(PublishedFacts, admin.ModelAdmin):
    list_display = ["title", "publisher", "published"]
    inlines = [StatisticalFigureInline]


@admin.register(StatisticalFigure)
class StatisticalFigureAdmin(PublishedFacts, admin.ModelAdmin):
    list_display = ["name", "year", "value", "unit", "release"]
    list_filter = ["release", "series"]
    list_select_related = ["release"]
