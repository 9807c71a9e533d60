import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_cache():
    # Throttle counters and cached responses live in the cache; each test starts from nothing.
    cache.clear()
    yield
    cache.clear()


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
