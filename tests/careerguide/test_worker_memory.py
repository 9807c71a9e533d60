"""What a gunicorn worker holds: the app loaded before the fork stays shared, and nothing only editors use is loaded."""

import gc
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_it_freezes_the_loaded_app_before_each_fork():
    hooks = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    gc.unfreeze()
    try:
        hooks["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_app_gunicorn_loads_has_not_imported_the_spreadsheet_library(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    probe = "import sys, careerguide.wsgi; print(sorted(m for m in sys.modules if m.startswith('openpyxl')))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
