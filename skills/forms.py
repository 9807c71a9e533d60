"""Admin forms for skills: the checks HR need to trust the data they save."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from skills.models import EditConflict, MasteryLevel, Skill, SkillAlias, SkillLevel


class SkillForm(forms.ModelForm):
    # The version the editor started from; saving from an older one would overwrite a colleague's edit.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Skill
        fields = [
            "name",
            "slug",
            "category",
            "order",
            "definition",
            "scenario",
            "importance",
            "market_demand",
            "impact",
        ]
        help_texts = {
            "slug": "网址中使用的英文标识,例如 communication。留空则按名称的拼音自动生成。",
            "name": "技能的正式名称,不能与任何技能的名称或别名重复。",
            "definition": "一两句话说明这项技能是什么,必填。",
            "order": "同一类别内的显示顺序,数字小的在前。",
        }
        error_messages = {
            "name": {"unique": "已有技能使用这个名称,名称和别名在所有技能中都不能重复。"},
            "slug": {"unique": "已有技能使用这个标识,请换一个。"},
            "definition": {"required": "定义不能为空。"},
            "category": {"required": "请选择技能类别。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk:
            # Read from the table, not the instance: a revert form is built from an old historical copy.
            self.fields["base_version"].initial = self.instance.stored_version()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = Skill.slug_from_name(cleaned["name"], exclude_pk=self.instance.pk)
        if self.instance.pk and cleaned.get("base_version") != self.instance.stored_version():
            raise ValidationError(EditConflict.message + self.last_saved_by(), code="stale")
        return cleaned

    def last_saved_by(self):
        record = self.instance.history.select_related("history_user").first()
        if record is None:
            return ""
        when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
        return f"(最近一次保存:{record.history_user or '系统'},{when})"


class SkillAliasForm(forms.ModelForm):
    class Meta:
        model = SkillAlias
        fields = ["name"]
        error_messages = {"name": {"unique": "这个别名已被其他技能使用,名称和别名在所有技能中都不能重复。"}}


class SkillPartForm(forms.ModelForm):
    """A level or alias on its own page: saving it changes its skill, so it carries the skill's version too."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The skill the part belongs to as stored (a revert form is built from a historical copy).
        self.stored_skill = Skill(pk=self.instance.skill_id) if self.instance.pk else None
        if self.stored_skill:
            self.fields["base_version"].initial = self.stored_skill.stored_version()

    def clean(self):
        cleaned = super().clean()
        if self.stored_skill and cleaned.get("base_version") != self.stored_skill.stored_version():
            raise ValidationError(EditConflict.message, code="stale")
        return cleaned

    def claim_skill_version(self):
        """Move the skill's version on from the one this form started from, or raise EditConflict."""
        if self.stored_skill:
            self.stored_skill.claim_version(self.cleaned_data["base_version"])


class SkillLevelPageForm(SkillPartForm):
    class Meta:
        model = SkillLevel
        fields = ["skill", "level", "description"]


class SkillAliasPageForm(SkillPartForm):
    class Meta:
        model = SkillAlias
        fields = ["skill", "name"]
        error_messages = SkillAliasForm.Meta.error_messages


class SkillLevelFormSet(BaseInlineFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form) or not form.cleaned_data:
                continue
            level = form.cleaned_data.get("level")
            if level in seen:
                raise ValidationError(f"每个掌握程度只能有一条描述:「{MasteryLevel(level).label}」填写了不止一次。")
            seen.add(level)
        super().clean()
