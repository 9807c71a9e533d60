"""Only staff reach the admin, and its login locks after repeated wrong passwords."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

PASSWORD = "Zhengque-mima-2026"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("zhuguan", password=PASSWORD, is_staff=True)


def log_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_user_who_is_not_staff_cannot_enter_the_admin(client, db):
    get_user_model().objects.create_user("qiuzhizhe", password=PASSWORD)
    response = log_in(client, "qiuzhizhe", PASSWORD)
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302


def test_staff_log_in_with_the_right_password(client, staff):
    response = log_in(client, "zhuguan", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_password(client, staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "zhuguan", "wrong").status_code == 200
    locked = log_in(client, "zhuguan", "wrong")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()

    after = log_in(client, "zhuguan", PASSWORD)
    assert after.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_the_lockout_is_for_that_user_from_that_address_only(client, staff):
    get_user_model().objects.create_user("hr2", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "zhuguan", "wrong")
    # A colleague on the same network still gets in.
    assert log_in(client, "hr2", PASSWORD).status_code == 302


def test_lockout_logs_carry_no_username_or_address(client, staff, caplog):
    with caplog.at_level("INFO"):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, "zhuguan", "wrong")
    text = caplog.text
    assert "zhuguan" not in text
    assert "127.0.0.1" not in text


def test_a_client_cannot_escape_the_api_rate_limit_by_inventing_forwarded_addresses(client, db):
    from rest_framework.settings import api_settings
    from rest_framework.test import APIRequestFactory
    from rest_framework.throttling import AnonRateThrottle

    throttle = AnonRateThrottle()
    factory = APIRequestFactory()
    first = factory.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.1.1.1")
    second = factory.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert api_settings.NUM_PROXIES == 0  # not behind the proxy in tests (HTTPS is off)
    assert throttle.get_ident(first) == throttle.get_ident(second) == "203.0.113.5"
