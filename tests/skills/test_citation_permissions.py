"""A citation belongs to its record: only who may change the record may change its citations, with history."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from salaries.models import CitySalary
from skills.models import Citation


def citation_of(model):
    return Citation.objects.filter(content_type=ContentType.objects.get_for_model(model)).first()


def test_an_hr_editor_cannot_change_or_delete_the_citation_of_a_salary(hr_client, change_url):
    citation = citation_of(CitySalary)
    before = (citation.quote, citation.order)

    page = hr_client.get(change_url(citation))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert (
        hr_client.post(change_url(citation), {"source": citation.source_id, "quote": "改", "order": 9}).status_code
        == 403
    )
    assert (
        hr_client.post(reverse("admin:skills_citation_delete", args=[citation.pk]), {"post": "yes"}).status_code == 403
    )
    changelist = hr_client.post(
        reverse("admin:skills_citation_changelist"),
        {"action": "delete_selected", "_selected_action": [citation.pk], "post": "yes"},
    )
    assert changelist.status_code in (302, 403)

    citation.refresh_from_db()
    assert (citation.quote, citation.order) == before


def test_the_citations_on_a_salary_page_are_read_only_for_an_hr_editor(hr_client, change_url):
    page = hr_client.get(change_url(CitySalary.objects.first()))

    [inline] = page.context["inline_admin_formsets"]
    assert not (inline.has_add_permission or inline.has_change_permission or inline.has_delete_permission)


def test_an_hr_editor_changes_a_skill_citation_and_the_change_can_be_reverted(hr_client, skill, change_url, hr_editor):
    citation = skill.citations.first()
    original = citation.order

    response = hr_client.post(
        change_url(citation), {"source": citation.source_id, "quote": citation.quote, "order": original + 7}
    )

    assert response.status_code == 302
    latest, previous = citation.history.order_by("-history_id")[:2]
    assert latest.history_user == hr_editor and latest.order == original + 7
    revert = hr_client.get(reverse("admin:skills_citation_simple_history", args=[citation.pk, previous.history_id]))
    assert revert.status_code == 200


def test_deleting_a_level_keeps_its_citations_in_history(skill):
    level = skill.levels.first()
    pk, quotes = level.pk, list(level.citations.values_list("quote", flat=True))
    level.delete()

    deleted = Citation.history.filter(history_type="-", object_id=pk)
    assert sorted(deleted.values_list("quote", flat=True)) == sorted(quotes)
