"""What a backup holds: every table a person or the loader wrote, in a portable form (SQLite ⇄ PostgreSQL).

Left out are only tables the software rebuilds by itself: content types and permissions (recreated by migrate
and referred to by natural keys), sessions (visitors simply log in again), django-axes' lockout counters (they
hold client addresses and expire anyway) and the data version (a cache key, bumped after every restore).
"""

from datetime import datetime

from django.conf import settings

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
