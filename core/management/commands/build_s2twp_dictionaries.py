"""Write core/s2twp_dictionaries/ from the installed OpenCC (see core.compact_s2twp); `--check` only compares."""

import filecmp
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.compact_s2twp import DIRECTORY, build


class Command(BaseCommand):
    help = "Flatten OpenCC's s2twp dictionaries into core/s2twp_dictionaries/ (after upgrading OpenCC)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the committed files differ")

    def handle(self, check, **options):
        if not check:
            for stale in DIRECTORY.glob("*"):
                stale.unlink()
            build(DIRECTORY)
            self.stdout.write(f"wrote {DIRECTORY}")
            return
        with tempfile.TemporaryDirectory() as scratch:
            build(Path(scratch))
            names = sorted(
                {path.name for path in Path(scratch).iterdir()} | {path.name for path in DIRECTORY.iterdir()}
            )
            _same, differ, missing = filecmp.cmpfiles(scratch, DIRECTORY, names, shallow=False)
        if differ or missing:
            raise CommandError(f"s2twp_dictionaries/ differ from the installed OpenCC: {differ + missing}; rebuild")
        self.stdout.write("s2twp_dictionaries/ match the installed OpenCC")
