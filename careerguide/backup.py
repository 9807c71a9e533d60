"""What a backup holds: every table a person or the loader wrote, in a portable form (SQLite ⇄ PostgreSQL).

Left out are only tables the software rebuilds by itself: content types and permissions (recreated by migrate
and referred to by natural keys), sessions (visitors simply log in again), django-axes' lockout counters (they
hold client addresses and expire anyway) and the data version (a cache key, bumped after every restore).
"""

import gzip
import hashlib
import io
import json as plain_json
import os
from collections import Counter
from datetime import datetime, time

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "core.dataversion",
]


# A backup is {"manifest": {...}, "records": [...]}: the manifest says how many records of each model the file
# must hold and their checksum, so a restore can refuse an empty, cut or altered file before it flushes anything.
MANIFEST_FORMAT = "careerguide-backup"
MANIFEST_VERSION = 2


def backups_folder():
    return settings.BASE_DIR / "var" / "backups"


def default_path():
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backups_folder() / f"careerguide-{stamp}.json.gz"


def checksum(records):
    canonical = plain_json.dumps(records, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def model_counts(records):
    return dict(sorted(Counter(record.get("model", "?") for record in records).items()))


def dump_records():
    out = io.StringIO()
    # Natural keys for content types and permissions: their ids differ from one database to the next.
    call_command("dumpdata", format=FORMAT, natural_foreign=True, exclude=EXCLUDED, use_base_manager=True, stdout=out)
    return plain_json.loads(out.getvalue())


def write_backup(path, records):
    """Write records with their manifest, readable by the owner only: the file holds password hashes and tokens."""
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "created": datetime.now().astimezone().isoformat(),
        "counts": model_counts(records),
        "sha256": checksum(records),
    }
    text = plain_json.dumps({"manifest": manifest, "records": records}, ensure_ascii=False, indent=0)
    data = gzip.compress(text.encode()) if path.suffix == ".gz" else text.encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    return manifest


class InvalidBackup(Exception):
    """Why a file cannot be restored, in words for whoever runs the restore."""


def read_backup(path):
    """The records of a backup whose manifest vouches for them, or InvalidBackup saying what is wrong."""
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        content = plain_json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        raise InvalidBackup(f"文件不完整或不是 JSON({type(error).__name__})。") from error
    if isinstance(content, list):
        raise InvalidBackup(
            "这是没有清单(manifest)的旧格式备份,无法核对它是否完整,因此不予恢复。"
            "请见 README「Backup and restore」中处理旧备份的办法。"
        )
    manifest = content.get("manifest") if isinstance(content, dict) else None
    records = content.get("records") if isinstance(content, dict) else None
    if not isinstance(manifest, dict) or not isinstance(records, list):
        raise InvalidBackup("文件中没有备份清单(manifest)或记录,不是 `manage.py backup` 写出的备份。")
    if manifest.get("format") != MANIFEST_FORMAT or manifest.get("version") != MANIFEST_VERSION:
        raise InvalidBackup(
            f"备份格式不受支持(format={manifest.get('format')!r},version={manifest.get('version')!r})。"
        )
    if not records:
        raise InvalidBackup("备份中没有任何记录;恢复它会清空数据库。")
    if model_counts(records) != manifest.get("counts"):
        raise InvalidBackup("文件中的记录数与清单不符,备份不完整或被改动过。")
    if checksum(records) != manifest.get("sha256"):
        raise InvalidBackup("文件内容的校验和与清单不符,备份被改动或已损坏。")
    return manifest, records


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
