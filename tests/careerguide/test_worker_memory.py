"""What a gunicorn worker holds: the app loaded before the fork stays shared, and nothing only editors use is loaded."""

import gc
import runpy
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
