import importlib.util
from pathlib import Path
from urllib.parse import urlencode

import pytest

from skills.models import Skill


@pytest.fixture
def answers(db):
    """Answers as the form sends them: every skill rated (0 unless given), then stage, track and city."""

    def build(stage="stable", track="management", city=None, **ratings):
        data = {"stage": stage, "track": track}
        if city is not None:
            data["city"] = city
        for slug in Skill.objects.values_list("slug", flat=True):
            data[f"skill-{slug}"] = str(ratings.get(slug.replace("-", "_"), 0))
        return data

    return build


@pytest.fixture
def result_url(answers):
    def build(**kwargs):
        return "/assessment/result/?" + urlencode(answers(**kwargs))

    return build


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage of production needs collectstatic; rendering pages in tests does not.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def _browser_fixtures():
    """The website's browser fixtures (Debian's Chromium, the live site, the phone context) from tests/browser."""
    path = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
    spec = importlib.util.spec_from_file_location("assessment_browser_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_browser = _browser_fixtures()
browser_type_launch_args = _browser.browser_type_launch_args
browser_context_args = _browser.browser_context_args
site = _browser.site
phone = _browser.phone
shoot = _browser.shoot
