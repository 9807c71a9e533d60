"""Production settings: the deploy checklist passes, a missing secret stops the app, HTTPS=1 and the headers work."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def run_django(args, tmp_path, **overrides):
    return run_python(["manage.py", *args], tmp_path, **overrides)


def run_python(args, tmp_path, **overrides):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "HTTPS"}}
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'settings.sqlite3'}")
    env.update({"ALLOWED_HOSTS": "careerguide.example", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update({key: value for key, value in overrides.items() if value is not None})
    for key in [key for key, value in overrides.items() if value is None]:
        env.pop(key, None)
    return subprocess.run([sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)


def production(**extra):
    return {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "HTTPS": "1", **extra}


def test_it_passes_the_deploy_checklist_with_production_settings(tmp_path):
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **production())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_checklist_fails_without_https(tmp_path):
    # Proves the check above is not vacuous: the same command complains once the TLS switch is off.
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **production(HTTPS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr or "security.W004" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production(tmp_path):
    # What gunicorn does first: import the WSGI application.
    result = run_python(["-c", "import careerguide.wsgi"], tmp_path, DEBUG="0", SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    # The message, not a wall of unrelated errors: it names the fix.
    assert "SECRET_KEY in the environment" in result.stderr


def test_the_asgi_entry_point_refuses_too(tmp_path):
    result = run_python(["-c", "import careerguide.asgi"], tmp_path, DEBUG="0", SECRET_KEY=None)
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key(tmp_path):
    result = run_django(["makemigrations", "--check", "--dry-run"], tmp_path, DEBUG="0", SECRET_KEY=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


HTTPS_PROBE = """
from django.test import Client
client = Client(HTTP_HOST="careerguide.example", raise_request_exception=False)
plain = client.get("/skills/?q=1")
print("plain", plain.status_code, plain.get("Location"))
probe = client.get("/healthz")
print("probe", probe.status_code)
secure = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print("secure", secure.status_code, secure.get("Strict-Transport-Security"))
from django.conf import settings
print("cookies", settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle
from core.security import client_ip
forged = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
print("client", client_ip(forged), AnonRateThrottle().get_ident(forged))
"""


def test_https_switch_redirects_plain_http_and_trusts_the_proxy_header(tmp_path):
    result = run_django(["shell", "-c", HTTPS_PROBE], tmp_path, **production())
    assert result.returncode == 0, result.stderr
    probes = ("plain ", "probe ", "secure ", "cookies ", "client ")
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if line.startswith(probes))
    assert lines["plain"] == "301 https://careerguide.example/skills/?q=1"
    # Health probes come straight to the app server over plain HTTP: answered, not redirected.
    assert lines["probe"] != "301"
    # No database was migrated for this probe, so the answer itself may be a 503; what matters is that it is
    # served rather than redirected, and carries HSTS.
    status, hsts = lines["secure"].split(" ", 1)
    assert status != "301"
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    assert lines["cookies"] == "True True"
    # The client is the address the proxy appended, for the login lockout and the API rate limit alike.
    assert lines["client"] == "203.0.113.7 203.0.113.7"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/skills/", "/admin/login/", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_only_the_api_docs_may_use_inline_styles(client):
    client.get("/api/docs/")
    docs = client.get("/api/docs/")  # the second answer may come from the response cache: same policy
    assert docs.status_code == 200
    # The order of the directives is not fixed: compare them one by one.
    directives = dict(part.strip().split(" ", 1) for part in docs["Content-Security-Policy"].split(";"))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"] == "'self'"
    # Swagger UI's start-up script is served as a file, so the policy's 'self' covers it.
    assert b"<script>" not in docs.content
    assert client.get("/api/docs/?script")["Content-Type"].startswith("application/javascript")


DATABASE_OPTIONS = (
    "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
)


@pytest.mark.parametrize(("query", "expected"), [("", "disable"), ("?gssencmode=prefer", "prefer")])
def test_postgresql_connections_skip_gssapi_encryption_unless_the_url_asks_for_it(tmp_path, query, expected):
    url = "postgres://careerguide@db.example:5432/careerguide" + query
    result = run_python(
        ["-c", DATABASE_OPTIONS], tmp_path, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="careerguide.settings"
    )
    assert result.returncode == 0, result.stderr
    assert f"'gssencmode': '{expected}'" in result.stdout
