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
