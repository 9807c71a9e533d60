from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin
from import_export.forms import SelectableFieldsExportForm

from core.admin import HistoryAdmin, existing_key
from core.spreadsheet_formats import CSV, XLSX
from skills.forms import SkillAliasForm, SkillAliasPageForm, SkillForm, SkillLevelFormSet, SkillLevelPageForm
from skills.models import Citation, EditConflict, Skill, SkillAlias, SkillCategory, SkillLevel, Source
from skills.resources import SkillResource


def may_change(user, model):
    """Whether the user may change records of this model: the one rule for touching a record's citations."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


class CitationInline(GenericTabularInline):
    """Provenance rows of any cited record; Citation.clean refuses a quote that is not in its source.

    A citation is part of its record: whoever may only view the record (a salary, a band) may only view its
    citations, whatever citation permissions they hold.
    """

    model = Citation
    extra = 0
    fields = ["source", "quote", "order"]
    formfield_overrides = {forms.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
    verbose_name = "引用"
    verbose_name_plural = "引用(来源与原文摘录)"

    def has_add_permission(self, request, obj):
        return may_change(request.user, self.parent_model) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return may_change(request.user, self.parent_model) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_change(request.user, self.parent_model) and super().has_delete_permission(request, obj)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "author", "publisher", "published_on", "language", "rights_holder"]
    search_fields = ["title", "summary"]
    # A link typed without a scheme is taken as https (Django 6's default; 5.2 still assumes http and warns).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SkillCategory)
class SkillCategoryAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "order", "skill_count"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description="技能数", ordering="skill_count")
    def skill_count(self, category):
        return category.skill_count


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    form = SkillAliasForm
    extra = 1
    verbose_name_plural = "别名(同一技能在来源中的其他叫法)"


class SkillLevelInline(admin.StackedInline):
    model = SkillLevel
    formset = SkillLevelFormSet
    max_num = len(SkillLevel._meta.get_field("level").choices)
    fields = ["level", "description"]
    formfield_overrides = {forms.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}}
    verbose_name_plural = "掌握程度(入门 / 熟练 / 精通,每级一条描述)"

    def get_extra(self, request, obj=None, **kwargs):
        return self.max_num - (obj.levels.count() if obj else 0)


class RefusesEditConflicts:
    """Two saves that both passed the form's version check: the loser's transaction is rolled back here."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except EditConflict as conflict:
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.path)


class SkillExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name):
        # The column's Chinese heading rather than the Python attribute name.
        field = resource.fields.get(field_name)
        return field.column_name if field else field_name


@admin.register(Skill)
class SkillAdmin(RefusesEditConflicts, ImportExportModelAdmin, HistoryAdmin):
    form = SkillForm
    resource_classes = [SkillResource]
    import_formats = export_formats = [CSV, XLSX]
    export_form_class = SkillExportForm
    list_display = ["name", "category", "alias_names", "order", "updated_at", "public_page"]
    list_display_links = ["name"]
    list_filter = ["category"]
    list_select_related = ["category"]
    search_fields = ["name", "aliases__name", "definition"]
    ordering = ["category__order", "order", "name"]
    readonly_fields = ["updated_at", "public_page"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "order", "base_version", "public_page", "updated_at"]}),
        ("内容", {"fields": ["definition", "scenario", "importance", "market_demand", "impact"]}),
    ]
    inlines = [SkillAliasInline, SkillLevelInline, CitationInline]
    object_history_template = "admin/skills/skill/object_history.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_names(self, skill):
        return "、".join(alias.name for alias in skill.aliases.all())

    @admin.display(description="公开页面")
    def public_page(self, skill):
        if not skill.pk:
            return "保存后可查看"
        return format_html('<a href="{}" target="_blank" rel="noopener">查看</a>', skill.get_absolute_url())

    def save_model(self, request, obj, form, change):
        if change:
            obj.claim_version(form.cleaned_data["base_version"])
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        existing_key(Skill._meta.pk, object_id)  # before the look-ups below, which would fail on "abc"
        # Levels and aliases have their own history; show it with the skill's so HR see every change in one place.
        related = []
        for model in (SkillLevel, SkillAlias):
            records = list(
                model.history.filter(skill_id=object_id).select_related("history_user").order_by("id", "history_date")
            )
            for older, newer in zip([None, *records], records, strict=False):
                if older is not None and older.id == newer.id:
                    newer.delta = newer.diff_against(older, foreign_keys_are_objs=False).changes
                newer.kind = model._meta.verbose_name
                newer.revert_url = reverse(
                    f"admin:skills_{model._meta.model_name}_simple_history", args=[newer.id, newer.history_id]
                )
                related.append(newer)
        related.sort(key=lambda record: record.history_date, reverse=True)
        context = {"related_history": related, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def has_import_permission(self, request):
        return request.user.has_perms(
            [
                "skills.add_skill",
                "skills.change_skill",
                "skills.add_skilllevel",
                "skills.change_skilllevel",
                "skills.delete_skilllevel",
                "skills.add_skillalias",
                "skills.delete_skillalias",
            ]
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        # The confirmed import runs again on data that may have changed since the preview: all or nothing.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request, "导入失败:数据在预览后发生了变化,出现错误,所有修改均未保存。请重新导入。", messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:skills_skill_import"))
        return super().process_result(result, request)


class SkillChildAdmin(RefusesEditConflicts, HistoryAdmin):
    """Levels and aliases are edited on their skill's page; here they can also be browsed, edited and reverted,
    under the same lock against lost edits as the skill (the form carries the skill's version)."""

    list_select_related = ["skill"]
    autocomplete_fields = ["skill"]

    def save_model(self, request, obj, form, change):
        form.claim_skill_version()
        super().save_model(request, obj, form, change)


@admin.register(SkillLevel)
class SkillLevelAdmin(SkillChildAdmin):
    form = SkillLevelPageForm
    fields = ["skill", "level", "description", "base_version"]
    list_display = ["skill", "level", "description"]
    list_filter = ["level", "skill__category"]
    search_fields = ["skill__name", "description"]
    inlines = [CitationInline]


@admin.register(SkillAlias)
class SkillAliasAdmin(SkillChildAdmin):
    form = SkillAliasPageForm
    fields = ["skill", "name", "base_version"]
    list_display = ["name", "skill"]
    search_fields = ["name", "skill__name"]


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ["source", "quote", "content_type", "object_id"]
    list_filter = ["source", "content_type"]
    search_fields = ["quote"]
    list_select_related = ["source", "content_type"]
    fields = ["source", "quote", "order", "content_type", "object_id"]
    readonly_fields = ["content_type", "object_id"]

    def has_add_permission(self, request):
        # A citation is added on the page of the record it supports, which sets what it belongs to.
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_change_record(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_change_record(request, obj)

    @staticmethod
    def may_change_record(request, citation):
        model = citation.content_type.model_class() if citation is not None else None
        return model is None or may_change(request.user, model)
