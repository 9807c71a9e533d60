from pathlib import Path

from django.core.management.base import BaseCommand

from careerguide.backup import backups_folder, default_path, dump_records, write_backup


class Command(BaseCommand):
    help = (
        "Write all data — the guide, HR edits, users, groups, API tokens and the edit history — to one "
        "JSON file with a manifest (record counts and checksum), gzip-compressed when the name ends in .gz, "
        "readable by its owner only. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path, help="where to write (default: var/backups/careerguide-<time>.json.gz)"
        )

    def handle(self, *args, path, verbosity, **options):
        path = path or default_path()
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        if path.parent == backups_folder():
            backups_folder().chmod(0o700)  # the project's own folder of backups: nobody else may list or read it
        manifest = write_backup(path, dump_records())
        if verbosity:
            self.stdout.write(f"{path}({sum(manifest['counts'].values())} 条记录)")
