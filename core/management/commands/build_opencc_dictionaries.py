"""Write core/opencc_dictionaries/ from the installed OpenCC (see core.compact_opencc); `--check` only compares."""

import filecmp
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.compact_opencc import DIRECTORY, build


def _files(directory):
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


class Command(BaseCommand):
    help = "Rewrite OpenCC's s2twp, t2s and tw2sp dictionaries into core/opencc_dictionaries/ (after upgrading OpenCC)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the committed files differ")

    def handle(self, check, **options):
        # Built apart first: a build that fails (no opencc_dict, a dictionary it cannot read) leaves the committed
        # files as they were.
        with tempfile.TemporaryDirectory() as scratch:
            build(Path(scratch))
            if not check:
                shutil.rmtree(DIRECTORY, ignore_errors=True)
                shutil.copytree(scratch, DIRECTORY)
                self.stdout.write(f"wrote {DIRECTORY}")
                return
            names = sorted(set(_files(Path(scratch))) | set(_files(DIRECTORY)))
            _same, differ, missing = filecmp.cmpfiles(scratch, DIRECTORY, names, shallow=False)
        if differ or missing:
            raise CommandError(f"opencc_dictionaries/ differ from the installed OpenCC: {differ + missing}; rebuild")
        self.stdout.write("opencc_dictionaries/ match the installed OpenCC")
