"""What a backup holds: every table a person or the loader wrote, in a portable form (SQLite ⇄ PostgreSQL).

Left out are only tables the software rebuilds by itself: content types and permissions (recreated by migrate
and referred to by natural keys), sessions (visitors simply log in again), django-axes' lockout counters (they
hold client addresses and expire anyway) and the data version (a cache key, bumped after every restore).
"""

from datetime import datetime, time

from django.conf import settings
from django.core import serializers
from django.core.serializers import json

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "core.dataversion",
]


def default_path():
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return settings.BASE_DIR / "var" / "backups" / f"careerguide-{stamp}.json.gz"


class ExactEncoder(json.DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds (ECMA-262's format); a restore must bring back every microsecond,
    else edits made within one millisecond tie where history is sorted by time alone (levels, aliases in the admin)."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    """Django's JSON with exact times; `loaddata` reads it as the ordinary json format."""

    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactEncoder)
        return super().serialize(queryset, **options)


Deserializer = json.Deserializer

# dumpdata only takes a serializer by its registered format name.
FORMAT = "json-exact"
serializers.register_serializer(FORMAT, __name__)
