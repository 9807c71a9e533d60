"""Seed loading with provenance (sources.yaml, skills.yaml); see fixtures/README.md."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from core.seed import Loader
from skills.models import Citation, MasteryLevel, Skill, SkillAlias, SkillCategory, SkillLevel, Source, name_clash

LEVELS = {label: value for value, label in MasteryLevel.choices}


class GuideLoader(Loader):
    """The loader of the guide's content: every record it writes carries citations checked against their source."""

    def __init__(self, *, update=False, overwrite_edits=False):
        super().__init__(update=update, overwrite_edits=overwrite_edits)
        self._sources = {}

    def level(self, value, record):
        try:
            return LEVELS[value]
        except KeyError:
            raise self.error(record, f"unknown mastery level {value!r} (use 入门, 熟练 or 精通)") from None

    def source(self, slug, record):
        if slug not in self._sources:
            try:
                self._sources[slug] = Source.objects.get(slug=str(slug))
            except Source.DoesNotExist:
                raise self.error(record, f"unknown source {slug!r}") from None
        return self._sources[slug]

    def upsert(self, model, record, key, values, citations=None):
        def citations_differ(obj):
            return citations is not None and self.citation_rows(obj) != self.wanted_rows(citations, record)

        existing_skill = model is Skill and Skill.objects.filter(**key).exists()
        obj, written = super().upsert(model, record, key, values, also_differs=citations_differ)
        if written and citations is not None:
            self.cite(obj, citations, record)
        if written and existing_skill:
            # Forms and API clients holding the skill's old version must not save over what was just loaded.
            Skill.mark_changed(obj.pk)
        return obj, written

    @staticmethod
    def citation_rows(obj):
        return list(
            Citation.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
            .order_by("order", "pk")
            .values_list("source__slug", "quote")
        )

    def wanted_rows(self, citations, record):
        return [
            (str(self.field(citation, "source", record)), str(self.field(citation, "quote", record)))
            for citation in citations
        ]

    def cite(self, obj, citations, record):
        if not citations:
            raise self.error(record, "a record needs at least one citation")
        content_type = ContentType.objects.get_for_model(obj)
        Citation.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        for order, citation in enumerate(citations):
            source = self.source(self.field(citation, "source", record), record)
            quote = str(self.field(citation, "quote", record))
            try:
                source.check_quote(quote)
            except ValidationError as error:
                raise self.error(record, f"{error.messages[0]} {quote!r}") from None
            Citation.objects.create(
                source=source, content_type=content_type, object_id=obj.pk, quote=quote, order=order
            )


def load_sources(loader, data):
    for row in data:
        slug = str(loader.field(row, "slug", row))
        text_fields = ("filename", "title", "author", "publisher", "summary", "rights_holder", "terms")
        values = {k: row.get(k) or "" for k in (*text_fields, "rights_notice", "original_url")}
        values.update(
            published_on=row.get("published_on"),
            retrieved_on=row.get("retrieved_on"),
            language=row.get("language", "zh-hans"),
            order=row.get("order", 0),
        )
        loader.upsert(Source, f"source {slug}", {"slug": slug}, values)
        loader._sources.pop(slug, None)


def load_skills(loader, data):
    for row in data.get("categories", []):
        record = f"category {row.get('slug')}"
        values = {
            "name": loader.field(row, "name", record),
            "name_en": row.get("name_en", ""),
            "description": row.get("description", ""),
            "order": row.get("order", 0),
        }
        loader.upsert(
            SkillCategory,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
    for row in data.get("skills", []):
        record = f"skill {row.get('slug')}"
        category = loader.lookup(SkillCategory, record, slug=loader.field(row, "category", record))
        values = {
            "category": category,
            "name": loader.field(row, "name", record),
            "definition": loader.field(row, "definition", record),
            "order": row.get("order", 0),
        }
        values.update({k: row.get(k) or "" for k in ("scenario", "importance", "market_demand", "impact")})
        skill, written = loader.upsert(
            Skill, record, {"slug": loader.field(row, "slug", record)}, values, loader.field(row, "citations", record)
        )
        for alias in row.get("aliases") or []:
            if clash := name_clash(alias, skill, alias=True):
                raise loader.error(record, f"alias {alias!r}: {clash}")
            loader.upsert(SkillAlias, f"{record} alias {alias}", {"name": alias}, {"skill": skill})
        for level_row in row.get("levels") or []:
            level = loader.level(loader.field(level_row, "level", record), record)
            level_record = f"{record} level {level_row['level']}"
            loader.upsert(
                SkillLevel,
                level_record,
                {"skill": skill, "level": level},
                {"description": loader.field(level_row, "description", level_record)},
                loader.field(level_row, "citations", level_record),
            )
