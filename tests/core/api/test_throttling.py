"""Anonymous clients are throttled only at a rate no normal client reaches; then 429 with Retry-After."""

import pytest

from core.api.policy import AnonymousThrottle

pytestmark = pytest.mark.django_db


def test_configured_rate_is_generous():
    throttle = AnonymousThrottle()
    assert throttle.num_requests / throttle.duration >= 5  # at least five requests a second, sustained


def test_over_the_rate_gives_429_with_retry_after(api, monkeypatch):
    monkeypatch.setattr(AnonymousThrottle, "rate", "3/minute")
    # Distinct URLs, so no response comes from the response cache and every request reaches the API.
    for size in (1, 2, 3):
        assert api.get(f"/api/v1/skills/?page_size={size}").status_code == 200
    response = api.get("/api/v1/skills/?page_size=4")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "秒后重试" in response.json()["detail"]


def test_token_clients_are_not_held_to_the_anonymous_rate(token_client, monkeypatch):
    monkeypatch.setattr(AnonymousThrottle, "rate", "1/minute")
    client = token_client()
    assert [client.get(f"/api/v1/stages/?page_size={size}").status_code for size in (1, 2, 3)] == [200] * 3


def test_behind_the_proxy_each_client_has_its_own_budget(api, monkeypatch, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setattr(AnonymousThrottle, "rate", "1/minute")
    first = api.get("/api/v1/stages/?page_size=1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = api.get("/api/v1/stages/?page_size=2", HTTP_X_FORWARDED_FOR="203.0.113.2")
    again = api.get("/api/v1/stages/?page_size=3", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)
