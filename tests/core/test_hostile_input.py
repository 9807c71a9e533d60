"""Hostile input on every page and endpoint: malformed and extreme query strings, path segments, headers, form
fields and methods. Nothing may produce a 5xx, and nothing typed by the visitor may come back unescaped in HTML.

URLs come from the URL conf (see conftest.site_urls), so a new page or endpoint is covered without editing this
file. Each request comes from its own client address, so the API's throttle does not hide what the view does.
"""

import itertools
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.conftest import COMMON_PARAMETERS, PARAM, fill, query_parameter_names, query_parameters

# Markup that would run or break out of an attribute if it came back unescaped.
INJECTIONS = [
    '<script>alert("kf-xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</title><h1>kf</h1>",
    "javascript:alert(1)",
]
RAW_MARKERS = ["<script>alert(", "<img src=x onerror", "<svg/onload", "<h1>kf</h1>"]

HOSTILE_VALUES = INJECTIONS[:3] + [
    "' OR '1'='1' --",
    "-1",
    "1.5",
    "99999999999999999999999999",
    "\x00\x1b[31m\r\n\t\x7f\u202e\u200b\ufeff",
    "zh-xx",
    "x" * 10_000 + "汉😀" * 3_000,
]
# Each parameter alone gets fewer values: the ones most likely to reach a parser or a template unguarded.
SHARPEST = [INJECTIONS[1], "\x00", "-99999999999999999999999999"]
# Percent-encoded bytes that are not UTF-8 (sent as raw query strings and path segments).
INVALID_UTF8 = ["%FF%FE%C0%AF%ED%A0%80%E4%B8"]
EXTRA_QUERY_NAMES = ["stage", "track", "city", "page", "page", "o", "p"]

_addresses = itertools.count(1)


def fetch(client, path, method="get", **extra):
    """One request from a fresh client address (the API throttles per address)."""
    number = next(_addresses)
    extra.setdefault("REMOTE_ADDR", f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}")
    return getattr(client, method)(path, **extra)


def assert_safe(response, where):
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html") and not getattr(response, "streaming", False):
        body = response.content.decode("utf-8", errors="replace")
        for marker in RAW_MARKERS:
            assert marker not in body, f"{where} reflected {marker!r} unescaped"
    location = response.get("Location", "")
    assert not location.lower().startswith(("javascript:", "//", "http://evil", "https://evil")), (where, location)


@pytest.fixture(scope="module")
def parameter_names(site_urls, django_db_blocker):
    from skills.models import Skill

    with django_db_blocker.unblock():
        assessment_answer = "skill-" + Skill.objects.order_by("pk").first().slug
    return sorted(set(query_parameter_names() + EXTRA_QUERY_NAMES + [assessment_answer]))


@pytest.fixture(scope="module")
def view_urls(site_urls):
    """One URL per view: `skills.json/` and friends are the same view as `skills/` with another renderer."""
    return [(template, url) for template, url in site_urls if ".<format>" not in template]


@pytest.fixture(scope="module")
def representative_urls(site_urls):
    """A page and an endpoint of every kind, for cases handled by shared code (middleware, the API mixin)."""
    wanted = [
        "/",
        "/skills/<slug>/",
        "/search/",
        "/salaries/compare/",
        "/assessment/result/",
        "/api/v1/skills/",
        "/api/v1/cities/<slug>/",
        "/api/docs/",
        "/healthz",
    ]
    found = dict(site_urls)
    return [(template, found[template]) for template in wanted if template in found]


@pytest.fixture
def anonymous(client, settings):
    client.raise_request_exception = False  # a 500 must show up as a status, like a real visitor sees it
    return client


def test_discovery_finds_every_kind_of_page_and_endpoint(site_urls):
    templates = {template for template, _url in site_urls}
    for expected in ("/", "/skills/<slug>/", "/search/", "/api/v1/skills/", "/api/v1/skills/<slug>/", "/healthz"):
        assert expected in templates
    assert len(site_urls) >= 40


@pytest.mark.django_db
def test_every_page_and_endpoint_answers_its_plain_url(anonymous, site_urls):
    for _template, url in site_urls:
        assert_safe(fetch(anonymous, url), url)


@pytest.mark.django_db
def test_hostile_values_in_every_query_parameter_at_once(anonymous, view_urls, parameter_names):
    for _template, url in view_urls:
        for value in HOSTILE_VALUES:
            query = urlencode([(name, value) for name in parameter_names])
            assert_safe(fetch(anonymous, f"{url}?{query}"), f"{url} with every parameter = {value[:40]!r}")
        for raw in INVALID_UTF8:
            query = "&".join(f"{name}={raw}" for name in parameter_names)
            assert_safe(fetch(anonymous, f"{url}?{query}"), f"{url} with bytes {raw}")


@pytest.mark.django_db
def test_hostile_values_in_each_query_parameter_alone(anonymous, view_urls, representative_urls):
    # One at a time, so a parameter validated early cannot shield one validated later. Parameters every view
    # shares (page, page_size, lang, format) go through shared code: the representative URLs cover them.
    cases = [(url, set(query_parameters(template, url)) - COMMON_PARAMETERS) for template, url in view_urls]
    cases += [(url, COMMON_PARAMETERS) for _template, url in representative_urls]
    for url, names in cases:
        for name in sorted(names):
            for value in SHARPEST:
                assert_safe(fetch(anonymous, f"{url}?{urlencode({name: value})}"), f"{url}?{name}={value[:40]!r}")
            assert_safe(fetch(anonymous, f"{url}?{name}=%FF&{name}=1&{name}="), f"{url} repeated {name}")


@pytest.mark.django_db
def test_hostile_path_segments(anonymous, site_urls):
    segments = [quote(value, safe="") for value in HOSTILE_VALUES if value.strip()] + INVALID_UTF8 + ["..", "%2e%2e%2f"]
    for template, _url in site_urls:
        names = PARAM.findall(template)
        for index, segment in itertools.product(range(len(names)), segments):
            values = ["x"] * len(names)
            values[index] = segment
            path = fill(template, values)
            assert_safe(fetch(anonymous, path), path[:120])


@pytest.mark.django_db
def test_hostile_headers(anonymous, representative_urls):
    headers = [
        {"HTTP_ACCEPT_LANGUAGE": "xx-YY, *;q=abc, zh-hant;q=2, ,,;"},
        {"HTTP_ACCEPT_LANGUAGE": "zh-Hant-" + "x" * 5000},
        {"HTTP_ACCEPT": "application/x-unknown, */*;q=NaN"},
        {"HTTP_ACCEPT": "text/csv"},
        {"HTTP_COOKIE": "django_language=xx; sessionid=' OR 1=1 --; csrftoken=" + "x" * 4000},
        {"HTTP_COOKIE": "django_language=<script>alert(1)</script>"},
        {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000 + '", W/, *, "'},
        {"HTTP_IF_MODIFIED_SINCE": "yesterday"},
        {"HTTP_X_FORWARDED_FOR": "' OR 1=1 --, 999.999.999.999, " + "1," * 500},
        {"HTTP_X_FORWARDED_PROTO": "https, http"},
        {"HTTP_REFERER": '"><script>alert("kf-xss")</script>'},
        {"HTTP_USER_AGENT": "\x00\x1b" + "A" * 10_000},
        {"HTTP_RANGE": "bytes=-1-99999999999999999999"},
        {"HTTP_AUTHORIZATION": "Token ' OR 1=1 --"},
        {"HTTP_AUTHORIZATION": "Basic %%%"},
    ]
    for (_template, url), header in itertools.product(representative_urls, headers):
        assert_safe(fetch(anonymous, url, **header), f"{url} with {list(header)[0]}")


@pytest.mark.django_db
def test_a_foreign_host_header_is_refused_not_crashed(anonymous):
    response = fetch(anonymous, "/", HTTP_HOST="evil.example<script>")
    assert response.status_code == 400


@pytest.mark.django_db
def test_other_methods_on_every_url(site_urls, view_urls):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)  # a real visitor's CSRF rules
    for (_template, url), method in itertools.product(view_urls, ["post", "put", "patch", "delete", "options"]):
        response = fetch(browser, url, method, data='{"name": ', content_type="application/json")
        assert_safe(response, f"{method.upper()} {url}")
        if method != "options":
            # Anonymous visitors change nothing: refused, or (assessment, language switch) only computed.
            assert response.status_code >= 300 or url.startswith(("/api/v1/assessments", "/i18n/")), (method, url)
        if response.status_code == 403 and not url.startswith("/api/"):
            assert "表单已经失效" in response.content.decode(), f"{method.upper()} {url}: the CSRF page is not Chinese"


@pytest.mark.django_db
def test_malformed_bodies(anonymous, representative_urls):
    bodies = [
        ("application/json", '{"name": "' + "x" * 20_000 + '"}'),
        ("application/json", "[" * 5_000),
        ("application/x-www-form-urlencoded", "name=%FF&definition=<script>alert(1)</script>&" + "a=1&" * 2_000),
        ("multipart/form-data; boundary=zzz", "--zzz\r\nbroken"),
        ("text/plain", "\x00\x01\x02"),
    ]
    for (_template, url), (content_type, body) in itertools.product(representative_urls, bodies):
        assert_safe(fetch(anonymous, url, "post", data=body, content_type=content_type), f"POST {content_type} {url}")
    for content_type, body in bodies:
        assert_safe(fetch(anonymous, "/api/v1/assessments/", "post", data=body, content_type=content_type), body[:30])


@pytest.mark.django_db
def test_language_switch_rejects_unknown_languages_and_foreign_redirects(anonymous):
    for language, next_url in itertools.product(
        ["xx", "", "zh-hant\x00", "<script>", "x" * 5000],
        ["javascript:alert(1)", "//evil.example/", "https://evil.example/", "/skills/", "\x00", "/%FF"],
    ):
        response = fetch(anonymous, "/i18n/setlang/", "post", data={"language": language, "next": next_url})
        assert_safe(response, f"setlang {language[:10]!r} {next_url!r}")


@pytest.mark.django_db
def test_admin_login_with_hostile_fields(anonymous):
    for username, password in [
        ("x" * 10_000, "y" * 10_000),
        ("\x00admin", "\x00"),
        ("admin' OR '1'='1", "' OR '1'='1"),
        ('"><script>alert("kf-xss")</script>', "x"),
        ("", ""),
    ]:
        response = fetch(anonymous, "/admin/login/", "post", data={"username": username, "password": password})
        assert_safe(response, f"admin login {username[:20]!r}")
        assert response.status_code in (200, 403, 429)


@pytest.mark.django_db
def test_admin_lists_with_hostile_search_sort_and_filters(client, db):
    client.raise_request_exception = False
    boss = get_user_model().objects.create_superuser("kf-root", password="Kefu-root-2026-x")
    client.force_login(boss)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for query in [
            {"q": INJECTIONS[0]},
            {"q": "x" * 10_000},
            {"o": "99.-1.abc"},
            {"p": "-1"},
            {"p": "99999999999999999999"},
            {"nonexistent__field": "1"},
            {"id__gt": "abc"},
            {"e": "1"},
        ]:
            assert_safe(fetch(client, f"{url}?{urlencode(query)}"), f"{url}?{query}")
        for segment in ["abc", "-1", "99999999999999999999", "%FF", quote(INJECTIONS[1], safe="")]:
            path = url + segment + "/change/"
            assert_safe(fetch(client, path), path)


# --- Generated cases ---

text_values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.binary(max_size=30).map(lambda raw: raw.decode("latin-1")),
)
probe = st.text(max_size=20).map(lambda inner: f"\"'><script>alert({inner!r})</script>")


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_query_strings_on_every_page_and_endpoint(anonymous, site_urls, parameter_names, data):
    _template, url = data.draw(st.sampled_from(site_urls))
    names = st.one_of(st.sampled_from(parameter_names), st.text(min_size=1, max_size=10))
    query = data.draw(st.lists(st.tuples(names, st.one_of(text_values, probe)), min_size=1, max_size=4))
    assert_safe(fetch(anonymous, f"{url}?{urlencode(query)}"), f"{url}?{urlencode(query)[:200]}")


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_path_segments(anonymous, site_urls, data):
    templates = [template for template, _url in site_urls if PARAM.search(template)]
    template = data.draw(st.sampled_from(templates))
    names = PARAM.findall(template)
    values = data.draw(st.lists(st.one_of(text_values, probe), min_size=len(names), max_size=len(names)))
    path = fill(template, [quote(value, safe="") or "x" for value in values])
    assert_safe(fetch(anonymous, path), path[:200])


header_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=255), max_size=200)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_headers(anonymous, site_urls, data):
    _template, url = data.draw(st.sampled_from(site_urls))
    names = [
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_ACCEPT",
        "HTTP_COOKIE",
        "HTTP_IF_NONE_MATCH",
        "HTTP_X_FORWARDED_FOR",
        "HTTP_AUTHORIZATION",
        "HTTP_REFERER",
        "HTTP_IF_MODIFIED_SINCE",
    ]
    # A WSGI server hands over header values as Latin-1, so nothing beyond U+00FF can arrive.
    latin_probe = st.text(alphabet=st.characters(max_codepoint=255), max_size=20).map(
        lambda inner: f"\"'><script>{inner}"
    )
    headers = data.draw(st.dictionaries(st.sampled_from(names), st.one_of(header_text, latin_probe), min_size=1))
    assert_safe(fetch(anonymous, url, **headers), f"{url} with {headers!r}"[:300])


@pytest.mark.django_db
def test_a_nul_character_is_refused_with_a_clear_400(anonymous):
    # PostgreSQL cannot store NUL in text: without this guard a search for it failed in the driver with a 500.
    page = fetch(anonymous, "/search/?q=%E6%B2%9F%00")
    assert page.status_code == 400
    assert "请求有误" in page.content.decode()  # the site's Chinese 400 page
    api = fetch(anonymous, "/api/v1/skills/?q=%00")
    assert api.status_code == 400
    assert "不允许的字符" in api.json()["detail"]
