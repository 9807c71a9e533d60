from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
        "Replace all data with the content of a file written by `manage.py backup`. One transaction: if the "
        "file cannot be loaded, the database is left exactly as it was. Run `migrate` first on a new database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a backup file (.json or .json.gz)")

    def handle(self, *args, path, verbosity, **options):
        if not path.is_file():
            raise CommandError(f"找不到备份文件:{path}")
        try:
            with transaction.atomic(), history_recording_off():
                # flush also recreates content types and permissions, which the backup refers to by natural key.
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(path), verbosity=0)
                # Caches keyed by the data version must not serve what was there before the restore.
                bump_data_version()
        except CommandError:
            raise
        except Exception as error:  # whatever the file held, report it as one clear message
            raise CommandError(
                f"备份文件无法恢复,数据库未做任何改动:{path}({type(error).__name__}: {error})"
            ) from error
        if verbosity:
            self.stdout.write(f"已从 {path} 恢复全部数据。")
