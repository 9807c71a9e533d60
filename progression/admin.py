from django import forms
from django.contrib import admin
from django.db import models

from core.admin import HistoryAdmin
from progression.models import (
    CareerAdvice,
    Challenge,
    OverviewEntry,
    Resource,
    Stage,
    StageRequirement,
    StoryStep,
    Track,
)
from skills.admin import CitationInline


class StageRequirementInline(admin.TabularInline):
    model = StageRequirement
    extra = 1
    autocomplete_fields = ["skill"]
    fields = ["skill", "level", "level_basis", "level_note"]
    verbose_name_plural = "本阶段需要的技能与目标掌握程度(“来源写明”的程度需要引文,请在该要求自己的页面添加)"


class StageRequirementForm(forms.ModelForm):
    """Checks the level rule against the citations as submitted on the same page, not only the stored ones."""

    CITATION_PREFIX = "skills-citation-content_type-object_id-"

    def clean(self):
        data = self.data
        if any(key.startswith(self.CITATION_PREFIX) for key in data):
            self.instance.pending_quotes = [
                value.strip()
                for key, value in data.items()
                if key.startswith(self.CITATION_PREFIX)
                and key.endswith("-quote")
                and value.strip()
                and not data.get(key.removesuffix("quote") + "DELETE")
            ]
        return super().clean()


@admin.register(Stage)
class StageAdmin(HistoryAdmin):
    list_display = ["order", "name", "phase"]
    list_display_links = ["name"]
    search_fields = ["name", "phase", "skill_needs", "strategy"]
    inlines = [StageRequirementInline, CitationInline]


@admin.register(StageRequirement)
class StageRequirementAdmin(HistoryAdmin):
    form = StageRequirementForm
    list_display = ["stage", "skill", "level", "level_basis"]
    list_filter = ["stage", "level", "level_basis", "skill__category"]
    list_select_related = ["stage", "skill"]
    search_fields = ["skill__name", "stage__name"]
    autocomplete_fields = ["skill"]
    inlines = [CitationInline]


@admin.register(Resource)
class ResourceAdmin(HistoryAdmin):
    list_display = ["name", "kind", "author", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "author", "description"]
    ordering = ["kind", "order", "name"]
    filter_horizontal = ["skills"]
    inlines = [CitationInline]
    # A link typed without a scheme is taken as https (Django 6's default; 5.2 still assumes http and warns).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CitedAdmin(admin.ModelAdmin):
    inlines = [CitationInline]


@admin.register(Track)
class TrackAdmin(CitedAdmin):
    list_display = ["name", "order"]
    filter_horizontal = ["skills"]


@admin.register(Challenge)
class ChallengeAdmin(CitedAdmin):
    list_display = ["name", "order"]
    search_fields = ["name", "description", "strategy"]


@admin.register(CareerAdvice)
class CareerAdviceAdmin(CitedAdmin):
    list_display = ["title", "order"]
    search_fields = ["title", "body"]


@admin.register(StoryStep)
class StoryStepAdmin(CitedAdmin):
    list_display = ["order", "role"]
    list_display_links = ["role"]


@admin.register(OverviewEntry)
class OverviewEntryAdmin(CitedAdmin):
    list_display = ["title", "section", "order", "skill"]
    list_filter = ["section"]
    list_select_related = ["skill"]
    search_fields = ["title", "body", "points"]
    autocomplete_fields = ["skill"]
