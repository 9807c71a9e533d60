import pytest


@pytest.fixture(autouse=True)
def plain_static(settings):
    # Tests run without DEBUG but before collectstatic: the manifest storage would have no manifest to read.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
