import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

# A server imports the admin's modules on the admin's first request (careerguide.admin_urls); tests read its
# registry before any such request.
admin.autodiscover()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real seed data, loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_guide", verbosity=0)


@pytest.fixture
def guide(transactional_db):
    """The seed data for tests that commit (live server, browser): those flush the database after each test."""
    call_command("load_guide", verbosity=0)


def clear_local_cache():
    # Only the process's own memory: a shared Redis may hold other people's keys.
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    from careerguide.search import read_index
    from core.api.base import RECORDS

    RECORDS.clear()
    read_index.cache_clear()


@pytest.fixture(autouse=True)
def fresh_local_cache():
    """Every test starts and ends with an empty cache: a rolled-back test can leave a cached page or a throttle
    count under a data version the next test reuses."""
    clear_local_cache()
    yield
    clear_local_cache()


@pytest.fixture
def plain_pages(settings):
    """Every request renders: a cached response or fragment would hide the queries (and the content) under test."""
    settings.RESPONSE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def fragments_on(settings):
    """Every request renders its page, and only the rendered fragments (core.fragments) are kept."""
    settings.RESPONSE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def page_of(client):
    """The HTML of a page as `client` reads it, once it answered 200."""

    def read(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.content.decode()

    return read


@pytest.fixture
def traditional(client):
    """A reader who chose 繁體: the choice lives in Django's language cookie."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    return client


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def every_item(api):
    """Every item of a list, following `next` links page by page."""

    def collect(url):
        items = []
        while url:
            response = api.get(url)
            assert response.status_code == 200, response.content
            items += response.json()["results"]
            url = response.json()["next"]
        return items

    return collect


@pytest.fixture
def token_client(db):
    """A client authenticated by token as a staff user holding exactly the permissions asked for."""

    made = []

    def make(*codenames):
        made.append(codenames)
        user = get_user_model().objects.create_user(f"api-writer-{len(made)}", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    return make
