import pytest


@pytest.fixture(autouse=True)
def plain_pages(settings):
    # Every request renders: a cached response would hide the queries (and the content) under test.
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def traditional(client):
    """A reader who chose 繁體: the choice lives in Django's language cookie."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    return client
