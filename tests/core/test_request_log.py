"""One line per request on stderr, with no personal data."""

import logging

import pytest

LOGGER = "careerguide.requests"


def request_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


@pytest.mark.django_db
def test_each_request_is_one_line_with_method_path_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/skills/")
        client.get("/no-such-page/")
    lines = request_lines(caplog)
    assert len(lines) == 2
    method, path, status, duration, size = lines[0].split(" ")
    assert (method, path, status) == ("GET", "/skills/", "200")
    assert duration.endswith("ms") and size.endswith("B")
    assert lines[1].startswith("GET /no-such-page/ 404 ")


@pytest.mark.django_db
def test_it_logs_no_query_string_address_cookie_or_user_agent(client, caplog):
    client.cookies["sessionid"] = "secret-session-value"
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get(
            "/search/?q=张三的手机13800138000",
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="Agent/9",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    (line,) = request_lines(caplog)
    for private in ("张三", "13800138000", "q=", "203.0.113.9", "198.51.100.7", "secret-session-value", "Agent/9"):
        assert private not in line
    assert line.startswith("GET /search/ 200 ")


@pytest.mark.django_db
def test_a_crafted_path_cannot_forge_a_second_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/skills/x%0A2026-01-01 INFO forged/")
    (line,) = request_lines(caplog)
    assert "\n" not in line
    assert "\\x0a" in line and "\\x20" in line


def test_the_request_log_goes_to_stderr(settings):
    handler = settings.LOGGING["handlers"][settings.LOGGING["root"]["handlers"][0]]
    assert handler["class"] == "logging.StreamHandler"
    assert "stream" not in handler  # StreamHandler's default stream is sys.stderr
