"""The response cache only accelerates: a broken Redis degrades to uncached serving, unknown query parameters
never make keys, HEAD is answered from the cache, and an outage is logged once, not per request."""

import logging
import socket

import pytest
from django.core.cache import cache, caches
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import outage
from core.cache import KEY_PREFIX


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The production cache backend, pointed at a port where no Redis listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cachebackend.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    outage.forget()
    yield caches["default"]
    outage.forget()


@pytest.mark.parametrize("url", ["/", "/skills/", "/salaries/", "/api/v1/skills/", "/api/v1/download/"])
def test_pages_and_api_reads_are_served_while_redis_is_down(db, redis_down, url):
    assert Client().get(url).status_code == 200
    assert Client().get(url).status_code == 200


def test_the_api_rate_limit_does_not_fail_requests_while_redis_is_down(db, redis_down):
    for _ in range(3):
        assert Client().get("/api/v1/cities/?region=east").status_code == 200


def test_healthz_says_the_cache_is_degraded_but_answers_200(db, redis_down):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_healthz_says_ok_with_a_working_cache(db):
    assert Client().get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_a_redis_outage_is_logged_once_not_per_request(db, redis_down, caplog):
    caplog.set_level(logging.WARNING)
    for _ in range(10):
        Client().get("/skills/")

    reports = [record for record in caplog.records if record.name == "careerguide.outage"]
    assert len(reports) == 1
    assert "cache unavailable" in reports[0].getMessage()
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_database_outage_is_logged_once_per_cause_not_per_request(caplog):
    outage.forget()
    caplog.set_level(logging.INFO)
    request_log = logging.getLogger("django.request")
    for _ in range(20):
        try:
            raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
        except OperationalError as error:
            request_log.error("Service Unavailable: /skills/", exc_info=(type(error), error, error.__traceback__))
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError as error:
        request_log.error("Service Unavailable: /", exc_info=(type(error), error, error.__traceback__))

    assert not [record for record in caplog.records if record.name == "django.request"]
    reports = [record for record in caplog.records if record.name == "careerguide.outage"]
    assert len(reports) == 2  # one per cause
    assert reports[0].exc_info  # the first report keeps the traceback
    outage.forget()


def test_an_unrelated_error_is_still_logged_with_its_traceback(caplog):
    caplog.set_level(logging.INFO)
    try:
        raise ValueError("a bug")
    except ValueError as error:
        logging.getLogger("django.request").error("Internal Server Error: /", exc_info=(ValueError, error, None))

    assert [record.name for record in caplog.records] == ["django.request"]


def cached_entries():
    """Stored responses; rendered fragments (core.fragments) are keyed by what their templates name, not by the URL."""
    return sum(KEY_PREFIX in key for key in cache._cache)


def test_unknown_query_parameters_are_served_but_never_stored(db):
    reader = Client()
    reader.get("/")
    entries = cached_entries()

    for buster in range(5):
        assert reader.get(f"/?cb={buster}").status_code == 200
    assert reader.get("/skills/?utm_source=chat").status_code == 200

    assert cached_entries() == entries


@pytest.mark.parametrize(
    "url",
    [
        "/skills/?category=technical",
        "/salaries/?region=east&sort=name",
        "/search/?q=沟通",
        "/api/v1/cities/?region=east&page_size=5&lang=zh-hant",
        "/api/v1/skills/?q=沟通&page=1",
    ],
)
def test_parameters_a_page_reads_still_make_cached_keys(db, url):
    reader = Client()
    reader.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = reader.get(url)

    assert again.status_code == 200
    assert len(queries) == 1  # the data version only


def test_spellings_of_accept_language_share_one_entry(db):
    reader = Client()
    reader.get("/api/v1/skills/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    entries = cached_entries()
    for spelling in ("zh-tw", "zh-TW,zh;q=0.9", "zh-Hant", "zh-HK;q=0.8"):
        reader.get("/api/v1/skills/", HTTP_ACCEPT_LANGUAGE=spelling)

    assert cached_entries() == entries


def test_head_is_answered_from_the_cache_without_a_body(db):
    reader = Client()
    full = reader.get("/api/v1/download/")
    with CaptureQueriesContext(connection) as queries:
        head = reader.head("/api/v1/download/")

    assert head.status_code == 200
    assert len(queries) == 1
    assert head.content == b""
    assert int(head["Content-Length"]) == len(full.content)
    assert head["ETag"] == full["ETag"]


def test_a_head_fills_the_cache_for_the_next_get(db):
    reader = Client()
    reader.head("/skills/")
    with CaptureQueriesContext(connection) as queries:
        page = reader.get("/skills/")

    assert page.status_code == 200 and len(queries) == 1
    assert "沟通能力" in page.content.decode()
