from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from careerguide.backup import EXCLUDED, FORMAT, default_path


class Command(BaseCommand):
    help = (
        "Write all data — the guide, HR edits, users, groups, API tokens and the edit history — to one "
        "JSON file (gzip-compressed when the name ends in .gz). Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path, help="where to write (default: var/backups/careerguide-<time>.json.gz)"
        )

    def handle(self, *args, path, verbosity, **options):
        path = path or default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Natural keys for content types and permissions: their ids differ from one database to the next.
        call_command(
            "dumpdata",
            format=FORMAT,
            natural_foreign=True,
            exclude=EXCLUDED,
            use_base_manager=True,
            output=str(path),
            verbosity=0,
        )
        if verbosity:
            self.stdout.write(str(path))
