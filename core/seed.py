"""Loading structured seed files into the database, record by record.

A broken record raises SeedError naming its file and record; the load_guide command runs everything in one
transaction, so nothing of a broken load is kept. Domain apps build on `Loader` (skills.seed adds provenance).
"""

from collections import Counter

from django.core.exceptions import ValidationError


class SeedError(Exception):
    def __init__(self, filename, record, message):
        super().__init__(f"{filename}: {record}: {message}")


class Loader:
    """Creates missing records; keeps existing ones (HR edits survive a reload) unless `update` is set."""

    def __init__(self, *, update=False):
        self.update = update
        self.filename = ""
        self.stats = Counter()

    def error(self, record, message):
        return SeedError(self.filename, record, message)

    def field(self, row, name, record, default=None):
        if name in row:
            return row[name]
        if default is not None:
            return default
        raise self.error(record, f"missing field '{name}'")

    def lookup(self, model, record, **key):
        try:
            return model.objects.get(**key)
        except model.DoesNotExist:
            raise self.error(record, f"unknown {model._meta.model_name} {key}") from None

    def upsert(self, model, record, key, values):
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
        self.validate(obj, record)
        obj.save()
        self.stats[(label, "created" if created else "updated")] += 1
        return obj, True

    def validate(self, obj, record):
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise self.error(record, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
