"""The overview's cards on the home page (`{% entries %}`): built once per process for what they show, and showing
an edit to an entry or to the skill it links to on the next read."""

import pytest

from progression.models import OverviewEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def test_an_edited_entry_is_shown_on_the_next_read(page_of):
    entry = OverviewEntry.objects.filter(section=OverviewEntry.Section.CLASSIFICATION).first()
    page_of("/")
    entry.title = "改过的标题"
    entry.body = "第一行\n第二行"
    entry.points = "要点甲\n要点乙"
    entry.save()
    page = page_of("/")
    assert f'<li class="card" id="{entry.slug}">\n    <h3 class="card-title">改过的标题</h3>' in page
    assert "<p>第一行<br>第二行</p>" in page
    assert '<ul class="points"><li>要点甲</li><li>要点乙</li></ul>' in page


def test_a_renamed_skill_is_shown_on_the_card_that_links_to_it(page_of):
    entry = OverviewEntry.objects.filter(skill__isnull=False).select_related("skill").first()
    page_of("/")
    entry.skill.name = "改过的技能名"
    entry.skill.save()
    assert f'<a href="/skills/{entry.skill.slug}/">→ 改过的技能名</a>' in page_of("/")
