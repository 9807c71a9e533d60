"""What a gunicorn worker holds: the app loaded before the fork stays shared, and nothing only editors use is loaded."""

import gc
import os
import runpy
import secrets
import subprocess
import sys
import weakref
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


class Cycle:
    def __init__(self):
        self.itself = self


def a_cycle_dropped_in_the_oldest_generation():
    """A weak reference to garbage such as a request leaves: a reference cycle that was still alive when the young
    generations were collected (so it went on to the oldest), then dropped."""
    cycle = Cycle()
    gc.collect(0)
    gc.collect(1)
    dropped = weakref.ref(cycle)
    del cycle
    return dropped


def test_it_collects_what_requests_left_in_cycles_between_two_requests():
    post_request = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["post_request"]
    gc.disable()  # only the collections this test runs
    try:
        gc.collect()
        dropped = a_cycle_dropped_in_the_oldest_generation()
        post_request(worker=None, req=None, environ={}, resp=None)
        assert dropped() is not None, "one collection of the middle generation is not yet a reason for a full one"
        while gc.get_count()[2] < 3:
            gc.collect(1)
        post_request(worker=None, req=None, environ={}, resp=None)
        assert dropped() is None
        assert gc.get_count()[2] == 0
    finally:
        gc.enable()


def run_in_a_server_process(code, tmp_path, **environment):
    """What `code` prints, run where careerguide.wsgi (as gunicorn loads it) has been imported."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
        "ALLOWED_HOSTS": "testserver",
        **environment,
    }
    probe = "import sys, careerguide.wsgi\n" + code
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_the_app_gunicorn_loads_has_not_imported_the_spreadsheet_library(tmp_path):
    code = "print(sorted(m for m in sys.modules if m.startswith('openpyxl')))"
    assert run_in_a_server_process(code, tmp_path) == ["[]"]


def test_the_app_gunicorn_loads_has_the_redis_client_library_to_share_but_no_connection(tmp_path):
    # Nothing listens on port 1: the import must neither connect nor fail.
    code = "from django.core.cache import caches; print('redis' in sys.modules, caches['default']._cache._pools)"
    assert run_in_a_server_process(code, tmp_path, REDIS_URL="redis://127.0.0.1:1/0") == ["True {}"]


ADMIN_MODULES = ("skills.admin", "salaries.admin", "import_export.admin", "core.spreadsheet_formats")
ADMIN_PROBE = f"""
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0, skip_checks=True)
def loaded():
    print([name for name in {ADMIN_MODULES!r} if name in sys.modules])
loaded()
client = Client()
print([client.get(path).status_code for path in ("/", "/skills/", "/api/v1/skills/", "/api/schema/", "/nowhere/")])
loaded()
print(client.get("/admin/login/").status_code)
loaded()
"""


def test_the_admin_s_modules_are_imported_on_its_first_request_only(tmp_path):
    before, guide, after_the_guide, admin_login, after_the_admin = run_in_a_server_process(ADMIN_PROBE, tmp_path)
    assert before == after_the_guide == "[]"
    assert guide == "[200, 200, 200, 200, 404]"
    assert admin_login == "200"
    assert after_the_admin == str(list(ADMIN_MODULES))
