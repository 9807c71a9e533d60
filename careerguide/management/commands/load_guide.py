from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.seed import SeedError
from progression.seed import load_learning, load_overview, load_progression
from salaries.seed import load_salary_bands, load_salary_table, load_wage_statistics
from skills.seed import GuideLoader, load_skills, load_sources

# Order matters: later files refer to records of earlier ones by slug.
SEED_FILES = [
    ("sources.yaml", load_sources),
    ("skills.yaml", load_skills),
    ("progression.yaml", load_progression),
    ("learning.yaml", load_learning),
    ("overview.yaml", load_overview),
    ("salary_table.yaml", load_salary_table),
    ("salary_bands.yaml", load_salary_bands),
    ("statistics/wage-statistics.yaml", load_wage_statistics),
]


class Command(BaseCommand):
    help = (
        "Load all seed data from fixtures/ in one transaction. Missing records are created; existing ones are "
        "kept as they are (so HR edits survive), unless --update overwrites them with the fixture content. "
        "A broken fixture aborts the whole load and names the file and record."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="overwrite existing records with fixture content, except records last changed by a person (HR)",
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="with --update, overwrite records last changed by a person too (listed; their history keeps the edit)",
        )
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=settings.BASE_DIR / "fixtures",
            help="folder holding the seed files (default: fixtures/)",
        )

    def handle(self, *args, update, overwrite_edits, fixtures, verbosity, **options):
        if overwrite_edits and not update:
            raise CommandError("--overwrite-edits only makes sense with --update")
        loader = GuideLoader(update=update, overwrite_edits=overwrite_edits)
        try:
            with transaction.atomic():
                for filename, load in SEED_FILES:
                    loader.filename = filename
                    load(loader, self.read(fixtures / filename))
        except SeedError as exc:
            raise CommandError(f"Nothing was loaded: {exc}") from None
        if verbosity:
            self.report(loader.stats)
        # Said even at verbosity 0: whoever runs --update must learn which HR edits were kept or replaced.
        if loader.edits_kept:
            self.stderr.write(
                "Kept records edited by HR (their fixture content differs; --overwrite-edits replaces them):\n  "
                + "\n  ".join(loader.edits_kept)
            )
        if loader.edits_overwritten:
            self.stderr.write(
                "Overwrote records edited by HR (revert them from their history in the admin if needed):\n  "
                + "\n  ".join(loader.edits_overwritten)
            )

    def read(self, path):
        if not path.exists():
            raise CommandError(f"Nothing was loaded: {path.name}: file not found")
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CommandError(f"Nothing was loaded: {path.name}: not valid YAML: {exc}") from None

    def report(self, stats):
        for model in dict.fromkeys(label for label, _ in stats):
            counts = ", ".join(
                f"{what} {stats[(model, what)]}"
                for what in ("created", "updated", "unchanged", "kept", "kept (edited by HR)")
                if stats[(model, what)]
            )
            self.stdout.write(f"{model}: {counts}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {sum(stats.values())} records."))
