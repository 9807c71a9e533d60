import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real seed data, loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_guide", verbosity=0)


@pytest.fixture
def guide(transactional_db):
    """The seed data for tests that commit (live server, browser): those flush the database after each test."""
    call_command("load_guide", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_local_cache():
    """A rolled-back test can leave a cached page (or throttle count) under a data version the next test reuses."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    # Only the process's own memory: a shared Redis may hold other people's keys.
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
