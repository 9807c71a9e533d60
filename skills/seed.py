"""Loading the structured seed files into the database, record by record, with provenance.

A broken record raises SeedError naming its file and record; the load_guide command runs everything in one
transaction, so nothing of a broken load is kept.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from skills.models import Citation, MasteryLevel, Skill, SkillAlias, SkillCategory, SkillLevel, Source

LEVELS = {label: value for value, label in MasteryLevel.choices}


class SeedError(Exception):
    def __init__(self, filename, record, message):
        super().__init__(f"{filename}: {record}: {message}")


class Loader:
    """Creates missing records; keeps existing ones (HR edits survive a reload) unless `update` is set."""

    def __init__(self, *, update=False):
        self.update = update
        self.filename = ""
        self.stats = Counter()
        self._sources = {}

    def error(self, record, message):
        return SeedError(self.filename, record, message)

    def field(self, row, name, record, default=None):
        if name in row:
            return row[name]
        if default is not None:
            return default
        raise self.error(record, f"missing field '{name}'")

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

    def lookup(self, model, record, **key):
        try:
            return model.objects.get(**key)
        except model.DoesNotExist:
            raise self.error(record, f"unknown {model._meta.model_name} {key}") from None

    def upsert(self, model, record, key, values, citations=None):
        """Create or (with update) overwrite one record; returns (obj, written)."""
        obj = model.objects.filter(**key).first()
        label = model._meta.verbose_name
        if obj is not None and not self.update:
            self.stats[(label, "kept")] += 1
            return obj, False
        created = obj is None
        if created:
            obj = model(**key)
        for name, value in values.items():
            setattr(obj, name, value)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise self.error(record, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        obj.save()
        self.stats[(label, "created" if created else "updated")] += 1
        if citations is not None:
            self.cite(obj, citations, record)
        return obj, True

    def cite(self, obj, citations, record):
        if not citations:
            raise self.error(record, "a record needs at least one citation")
        content_type = ContentType.objects.get_for_model(obj)
        Citation.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        for order, citation in enumerate(citations):
            source = self.source(self.field(citation, "source", record), record)
            quote = str(self.field(citation, "quote", record))
            if not source.contains(quote):
                raise self.error(record, f"quote not found verbatim in source {source.slug}: {quote!r}")
            Citation.objects.create(source=source, content_type=content_type, object_id=obj.pk,
                                    quote=quote, order=order)


def load_sources(loader, data):
    for row in data:
        slug = str(loader.field(row, "slug", row))
        values = {k: row.get(k, "") for k in ("filename", "title", "author", "publisher", "summary")}
        values.update(published_on=row.get("published_on"), language=row.get("language", "zh-hans"),
                      order=row.get("order", 0))
        loader.upsert(Source, f"source {slug}", {"slug": slug}, values)
        loader._sources.pop(slug, None)


def load_skills(loader, data):
    for row in data.get("categories", []):
        record = f"category {row.get('slug')}"
        values = {"name": loader.field(row, "name", record), "name_en": row.get("name_en", ""),
                  "description": row.get("description", ""), "order": row.get("order", 0)}
        loader.upsert(SkillCategory, record, {"slug": loader.field(row, "slug", record)}, values,
                      loader.field(row, "citations", record))
    for row in data.get("skills", []):
        record = f"skill {row.get('slug')}"
        category = loader.lookup(SkillCategory, record, slug=loader.field(row, "category", record))
        values = {"category": category, "name": loader.field(row, "name", record),
                  "definition": loader.field(row, "definition", record), "order": row.get("order", 0)}
        values.update({k: row.get(k) or "" for k in ("scenario", "importance", "market_demand", "impact")})
        skill, written = loader.upsert(Skill, record, {"slug": loader.field(row, "slug", record)}, values,
                                       loader.field(row, "citations", record))
        for alias in row.get("aliases") or []:
            if alias == skill.name or Skill.objects.filter(name=alias).exists():
                raise loader.error(record, f"alias {alias!r} is already a skill's name")
            if SkillAlias.objects.filter(name=alias).exclude(skill=skill).exists():
                raise loader.error(record, f"alias {alias!r} already belongs to another skill")
            loader.upsert(SkillAlias, f"{record} alias {alias}", {"name": alias}, {"skill": skill})
        for level_row in row.get("levels") or []:
            level = loader.level(loader.field(level_row, "level", record), record)
            level_record = f"{record} level {level_row['level']}"
            loader.upsert(SkillLevel, level_record, {"skill": skill, "level": level},
                          {"description": loader.field(level_row, "description", level_record)},
                          loader.field(level_row, "citations", level_record))
