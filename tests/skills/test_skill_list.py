"""The skills list: a line per skill, kept per process for what it shows, and an edit shown on the next read."""

import pytest

from skills.models import Skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def test_an_edited_skill_is_shown_in_the_list_on_the_next_read(page_of):
    page_of("/skills/")
    skill = Skill.objects.get(slug="communication")
    skill.name = "沟通与表达"
    skill.definition = "一句新写的定义，" + "长" * 80
    skill.save()
    page = page_of("/skills/")
    assert (
        '<li><a href="/skills/communication/"><strong>沟通与表达</strong></a>\n'
        '      <span class="skill-summary">一句新写的定义，长长长'
    ) in page
