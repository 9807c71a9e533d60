"""A database in trouble costs a request seconds, and two colliding SQLite writes are a conflict, not an outage."""

import json
import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import RequestFactory

from core.errors import server_error


def test_postgresql_connections_carry_a_connect_and_a_statement_timeout():
    import dj_database_url  # the settings' own parsing, re-run for a PostgreSQL URL

    from careerguide import settings as project_settings

    assert project_settings.DATABASE_CONNECT_TIMEOUT >= 1
    options = dict(dj_database_url.parse("postgres://u@h/db").get("OPTIONS", {}))
    assert options == {}  # nothing by default: the settings module adds the timeouts
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        options = settings.DATABASES["default"]["OPTIONS"]
        assert options["connect_timeout"] >= 2
        assert options["options"] == f"-c statement_timeout={int(settings.DATABASE_STATEMENT_TIMEOUT * 1000)}"


def sqlite_connection(path):
    """A second connection configured like the site's, on a throw-away file (the test database is in memory)."""
    configured = settings.DATABASES["default"]
    options = configured.get("OPTIONS", {}) if configured["ENGINE"].endswith("sqlite3") else {}
    wrapper = SQLiteWrapper({**configured, "NAME": str(path), "OPTIONS": {**options, "timeout": 5}})
    wrapper.ensure_connection()
    return wrapper


def save(wrapper, name, hold_seconds=0, started=None):
    """What transaction.atomic does around a save on SQLite: BEGIN (in the configured mode), read, write, COMMIT."""
    wrapper._start_transaction_under_autocommit()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT name FROM skill WHERE id = 1")
        cursor.fetchone()
        if started:
            started.set()
        time.sleep(hold_seconds)
        cursor.execute("UPDATE skill SET name = %s WHERE id = 1", [name])
        cursor.execute("COMMIT")


@pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="the busy timeout is SQLite's answer to locking"
)
def test_two_racing_sqlite_saves_wait_for_each_other_instead_of_failing(tmp_path, django_db_blocker):
    django_db_blocker.unblock()  # its own throw-away database file, not the test database
    path = tmp_path / "race.sqlite3"
    setup = sqlite_connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE skill (id INTEGER PRIMARY KEY, name TEXT)")
        cursor.execute("INSERT INTO skill VALUES (1, 'seed')")
    setup.close()
    api = sqlite_connection(path)
    started, errors = threading.Event(), []

    def admin_save():
        admin = sqlite_connection(path)
        try:
            save(admin, "admin", hold_seconds=0.3, started=started)
        except OperationalError as error:
            errors.append(error)
        finally:
            admin.close()

    thread = threading.Thread(target=admin_save)
    thread.start()
    started.wait(5)
    try:
        save(api, "api")
    except OperationalError as error:
        errors.append(error)
    thread.join()

    assert errors == []
    with api.cursor() as cursor:
        cursor.execute("SELECT name FROM skill WHERE id = 1")
        assert cursor.fetchone() == ("api",)
    api.close()
    django_db_blocker.restore()


def raised(error, path, **headers):
    request = RequestFactory().get(path, **headers)
    try:
        raise error
    except OperationalError:
        return server_error(request)


def test_a_remaining_lock_conflict_is_a_409_conflict_not_an_outage():
    page = raised(OperationalError("database is locked"), "/admin/skills/skill/1/change/")
    api = raised(OperationalError("database is locked"), "/api/v1/skills/communication/")

    assert page.status_code == api.status_code == 409
    assert "另一项修改正在同时保存" in page.content.decode()
    assert "另一项修改正在同时保存" in json.loads(api.content)["detail"]


def test_a_database_that_does_not_answer_is_still_a_503():
    assert raised(OperationalError("connection refused"), "/skills/").status_code == 503
