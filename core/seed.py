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
    """Creates missing records; keeps existing ones (HR edits survive a reload) unless `update` is set.

    Even with `update`, a record whose last change was made by a person (its history names a user: an HR edit
    in the admin, an import, an API write) is kept and listed in `edits_kept`, unless `overwrite_edits` is set;
    then it is overwritten and listed in `edits_overwritten`. Its history still holds the edit, so it can be
    reverted. A record equal to its seed is left alone (no save, no history row).
    """

    def __init__(self, *, update=False, overwrite_edits=False):
        self.update = update
        self.overwrite_edits = overwrite_edits
        self.filename = ""
        self.stats = Counter()
        self.edits_kept = []
        self.edits_overwritten = []

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

    def upsert(self, model, record, key, values, also_differs=None):
        """Create or (with update) overwrite one record; returns (obj, written).

        `also_differs(obj)` tells whether what the record carries besides its fields (citations) differs."""
        obj = model.objects.filter(**key).first()
        label = model._meta.verbose_name
        if obj is not None and not self.update:
            self.stats[(label, "kept")] += 1
            return obj, False
        created = obj is None
        if not created:
            if not self.differs(obj, values) and not (also_differs and also_differs(obj)):
                self.stats[(label, "unchanged")] += 1
                return obj, False
            if edit := self.last_edit(obj):
                line = f"{label} {record}: {edit}"
                if not self.overwrite_edits:
                    self.edits_kept.append(line)
                    self.stats[(label, "kept (edited by HR)")] += 1
                    return obj, False
                self.edits_overwritten.append(line)
        if created:
            obj = model(**key)
        for name, value in values.items():
            setattr(obj, name, value)
        self.validate(obj, record)
        obj.save()
        self.stats[(label, "created" if created else "updated")] += 1
        return obj, True

    @staticmethod
    def differs(obj, values):
        # Only stored fields count: a loader may also hand over what validation needs (quotes about to be cited).
        stored = {field.name for field in obj._meta.concrete_fields}
        return any(getattr(obj, name) != value for name, value in values.items() if name in stored)

    @staticmethod
    def last_edit(obj):
        """Who last changed the record and when, if that was a person rather than a loader; "" otherwise."""
        history = getattr(obj, "history", None)
        last = (
            history.order_by("-history_date", "-history_id").select_related("history_user").first() if history else None
        )
        if last is None or last.history_user_id is None:
            return ""
        return f"last saved by {last.history_user} at {last.history_date:%Y-%m-%d %H:%M}"

    def validate(self, obj, record):
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise self.error(record, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
