import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from careerguide.backup import InvalidBackup, read_backup
from core.versioning import bump_data_version


@contextmanager
def history_recording_off():
    """The backup already holds the history; loading m2m relations would otherwise add history rows of its own."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


class Command(BaseCommand):
    help = (
        "Replace all data with the content of a file written by `manage.py backup`. The file's manifest (record "
        "counts, checksum) is checked before anything is touched; then one transaction: if the file cannot be "
        "loaded completely, the database is left exactly as it was. Run `migrate` first on a new database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a backup file (.json or .json.gz)")

    def handle(self, *args, path, verbosity, **options):
        if not path.is_file():
            raise CommandError(f"找不到备份文件:{path}")
        try:
            manifest, records = read_backup(path)
        except InvalidBackup as error:
            raise CommandError(f"备份文件未通过核对,数据库未做任何改动:{path}:{error}") from None
        try:
            with transaction.atomic(), history_recording_off():
                # flush also recreates content types and permissions, which the backup refers to by natural key.
                call_command("flush", interactive=False, verbosity=0)
                self.load(records)
                self.check_loaded(manifest)
                # Caches keyed by the data version must not serve what was there before the restore.
                bump_data_version()
        except CommandError:
            raise
        except Exception as error:  # whatever the file held, report it as one clear message
            raise CommandError(
                f"备份文件无法恢复,数据库未做任何改动:{path}({type(error).__name__}: {error})"
            ) from error
        if verbosity:
            self.stdout.write(f"已从 {path} 恢复全部数据({sum(manifest['counts'].values())} 条记录)。")

    def load(self, records):
        # loaddata reads files: the verified records go to a temporary copy that only the owner can read
        # (mkstemp creates it 0600), as they hold password hashes and tokens.
        fd, name = tempfile.mkstemp(prefix="careerguide-restore-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(records, file, ensure_ascii=False)
            call_command("loaddata", name, verbosity=0)
        finally:
            os.unlink(name)

    def check_loaded(self, manifest):
        stored = {label: apps.get_model(label)._base_manager.count() for label in manifest["counts"]}
        if stored != manifest["counts"]:
            wrong = ",".join(
                f"{label} 应有 {count} 条,实际 {stored[label]} 条"
                for label, count in manifest["counts"].items()
                if stored[label] != count
            )
            raise CommandError(f"恢复后的记录数与备份清单不符({wrong}),已全部撤销,数据库未做任何改动。")
