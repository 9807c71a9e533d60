"""Skills with their aliases and mastery levels as one spreadsheet row each, for bulk editing by HR."""

import re

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from skills.models import MasteryLevel, Skill, SkillAlias, SkillCategory, SkillLevel, name_clash

ALIAS_SEPARATOR = "、"
# Spreadsheets edited by hand mix Chinese and Western list punctuation.
ALIAS_SPLIT = re.compile(r"[、,,;;\n]")


class CategoryByNameWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except SkillCategory.DoesNotExist:
            raise ValueError(f"没有名为「{value}」的技能类别。") from None


class SkillDiff(resources.Diff):
    """The preview's before/after of every column, aliases and levels included (they are not model fields)."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.read(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.read(resource, instance)

    @staticmethod
    def read(resource, instance):
        if instance is None or instance.pk is None:  # a new skill has nothing before
            return ["" for _ in resource.get_import_fields()]
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]


class SkillResource(resources.ModelResource):
    slug = fields.Field("slug", "标识")
    name = fields.Field("name", "名称")
    category = fields.Field("category", "类别", widget=CategoryByNameWidget(SkillCategory, "name"))
    order = fields.Field("order", "排序", widget=widgets.IntegerWidget())
    definition = fields.Field("definition", "定义")
    scenario = fields.Field("scenario", "应用场景")
    importance = fields.Field("importance", "重要性")
    market_demand = fields.Field("market_demand", "市场需求")
    impact = fields.Field("impact", "影响程度")
    aliases = fields.Field(column_name="别名", readonly=True)
    level_1 = fields.Field(column_name=MasteryLevel.BEGINNER.label, readonly=True)
    level_2 = fields.Field(column_name=MasteryLevel.PROFICIENT.label, readonly=True)
    level_3 = fields.Field(column_name=MasteryLevel.EXPERT.label, readonly=True)
    version = fields.Field("version", "版本", readonly=True)

    class Meta:
        model = Skill
        name = "技能(含别名和掌握程度)"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "category",
            "order",
            "definition",
            "scenario",
            "importance",
            "market_demand",
            "impact",
            "aliases",
            "level_1",
            "level_2",
            "level_3",
            "version",
        ]
        use_transactions = True
        clean_model_instances = True
        # A row that changes nothing is shown as skipped and not saved, so the preview lists what really changes.
        skip_unchanged = True
        report_skipped = True

    def get_diff_class(self):
        return SkillDiff

    def filter_export(self, queryset, **kwargs):
        return queryset.with_levels()

    def dehydrate_aliases(self, skill):
        return ALIAS_SEPARATOR.join(alias.name for alias in skill.aliases.all())

    def _level_text(self, skill, level):
        return next((item.description for item in skill.levels.all() if item.level == level), "")

    def dehydrate_level_1(self, skill):
        return self._level_text(skill, MasteryLevel.BEGINNER)

    def dehydrate_level_2(self, skill):
        return self._level_text(skill, MasteryLevel.PROFICIENT)

    def dehydrate_level_3(self, skill):
        return self._level_text(skill, MasteryLevel.EXPERT)

    def before_import_row(self, row, **kwargs):
        if not (row.get("标识") or "").strip() and (row.get("名称") or "").strip():
            row["标识"] = Skill.slug_from_name(row["名称"].strip())

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        self._check_version(instance, row, errors)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in ("name", "definition", "scenario", "importance", "market_demand", "impact"):
            setattr(instance, field, (getattr(instance, field) or "").strip())
        if "别名" in row:
            instance.imported_aliases = self._clean_aliases(instance, row["别名"], errors)
        instance.imported_levels = {
            level: self._clean_level(instance, level, row[level.label], errors)
            for level in MasteryLevel
            if level.label in row
        }
        if errors:
            raise ValidationError(errors)

    def _check_version(self, skill, row, errors):
        # An old export must not silently undo what a colleague saved since: the same rule as the edit form.
        exported = str(row.get("版本") or "").strip()
        if not skill.pk:
            return
        if not exported:
            errors["version"] = ["已有技能的「版本」不能为空:请保留导出时的版本号(只有新技能留空),以免覆盖同事的修改。"]
        elif not exported.isdigit():
            errors["version"] = ["「版本」应是导出时的版本号,请不要修改这一列。"]
        elif int(exported) != skill.version:
            errors["version"] = [
                f"这项技能在导出后已被修改(现在是第 {skill.version} 版,表格中是第 {exported} 版)。"
                "请重新导出后再编辑,以免覆盖同事的修改。"
            ]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The error list names each bad cell by its column heading, as HR see it in the spreadsheet.
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            headings = {field.attribute or name: field.column_name for name, field in self.fields.items()}
            raise ValidationError({headings.get(key, key): messages for key, messages in error.message_dict.items()})

    def _clean_aliases(self, skill, text, errors):
        names = list(dict.fromkeys(name.strip() for name in ALIAS_SPLIT.split(str(text or "")) if name.strip()))
        problems = []
        for name in names:
            # The alias model's own field rules (length, characters) first: PostgreSQL cannot even look up a NUL.
            if invalid := field_errors(SkillAlias(name=name)):
                problems += [f"别名「{name[:20]}」:{message}" for message in invalid]
            elif clash := name_clash(name, skill, alias=True):
                problems.append(f"别名「{name}」:{clash}")
        if problems:
            errors["aliases"] = problems
        return names

    def _clean_level(self, skill, level, text, errors):
        description = str(text or "").strip()
        if description and (problems := field_errors(SkillLevel(level=level, description=description))):
            errors[f"level_{level}"] = problems
        return description

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if (
            original is None
            or original.pk is None
            or not super().skip_row(instance, original, row, import_validation_errors)
        ):
            return False
        aliases = getattr(instance, "imported_aliases", None)
        if aliases is not None and set(aliases) != set(original.aliases.values_list("name", flat=True)):
            return False
        current = dict(original.levels.values_list("level", "description"))
        return all(current.get(level, "") == text for level, text in instance.imported_levels.items())

    def before_save_instance(self, instance, row, **kwargs):
        # The check above is made when the row is read; claiming the version at the save makes it atomic.
        if instance.pk:
            instance.claim_version(int(str(row["版本"]).strip()))

    def after_save_instance(self, instance, row, **kwargs):
        # The row is the whole truth about the skill: aliases and levels missing from it are removed.
        if hasattr(instance, "imported_aliases"):
            instance.aliases.exclude(name__in=instance.imported_aliases).delete()
            existing = set(instance.aliases.values_list("name", flat=True))
            for name in instance.imported_aliases:
                if name not in existing:
                    SkillAlias.objects.create(skill=instance, name=name)
        current = {item.level: item for item in instance.levels.all()}
        for level, description in instance.imported_levels.items():
            if description and level not in current:
                instance.levels.create(level=level, description=description)
            elif description and current[level].description != description:
                current[level].description = description
                current[level].save()
            elif not description and level in current:
                current[level].delete()


def field_errors(obj):
    """The messages of the model's own field validation, for a part that is not saved through a form."""
    try:
        obj.clean_fields(exclude=["skill"])
    except ValidationError as error:
        return [message for messages in error.message_dict.values() for message in messages]
    return []
