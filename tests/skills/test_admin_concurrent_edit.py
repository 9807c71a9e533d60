"""No lost edits: of two editors who opened the same skill, the second to save is refused."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from skills.models import EditConflict, Skill


def test_the_second_of_two_editors_is_refused_and_the_first_edit_survives(make_hr_editor, skill, form_data, change_url):
    first, second = Client(), Client()
    first.force_login(make_hr_editor("hr1"))
    second.force_login(make_hr_editor("hr2"))
    first_form = form_data(first.get(change_url(skill)))
    second_form = form_data(second.get(change_url(skill)))

    first_form["definition"] = "第一位编辑的修改。"
    assert first.post(change_url(skill), first_form).status_code == 302
    second_form["definition"] = "第二位编辑的修改。"
    second_form["scenario"] = "第二位编辑改的场景。"
    response = second.post(change_url(skill), second_form)

    assert response.status_code == 200
    assert EditConflict.message in response.content.decode()
    assert "最近一次保存:hr1" in response.content.decode()
    assert "第二位编辑的修改。" in response.content.decode(), "the refused editor keeps what they typed"
    stored = Skill.objects.get(pk=skill.pk)
    assert stored.definition == "第一位编辑的修改。"
    assert stored.scenario == skill.scenario


def test_a_refused_editor_can_save_after_reloading(hr_client, skill, form_data, change_url):
    stale = form_data(hr_client.get(change_url(skill)))
    Skill.objects.get(pk=skill.pk).claim_version(skill.version)

    stale["definition"] = "过期页面的修改。"
    assert hr_client.post(change_url(skill), stale).status_code == 200
    fresh = form_data(hr_client.get(change_url(skill)))
    fresh["definition"] = "重新打开后的修改。"
    assert hr_client.post(change_url(skill), fresh).status_code == 302

    assert Skill.objects.get(pk=skill.pk).definition == "重新打开后的修改。"


def test_a_level_edited_elsewhere_makes_the_skill_form_stale(hr_client, skill, form_data, change_url):
    open_form = form_data(hr_client.get(change_url(skill)))
    level = skill.levels.first()
    level_form = form_data(hr_client.get(change_url(level)))
    level_form["description"] = "在掌握程度页面修改的描述。"
    assert hr_client.post(change_url(level), level_form).status_code == 302

    assert hr_client.post(change_url(skill), open_form).status_code == 200
    level.refresh_from_db()
    assert level.description == "在掌握程度页面修改的描述。"


def test_only_one_of_two_saves_from_the_same_version_can_claim_it(skill):
    """Both requests passed the form check; the conditional UPDATE lets exactly one through."""
    first, second = Skill.objects.get(pk=skill.pk), Skill.objects.get(pk=skill.pk)

    first.claim_version(skill.version)
    with pytest.raises(EditConflict):
        second.claim_version(skill.version)
    assert Skill.objects.get(pk=skill.pk).version == skill.version + 1


def test_a_save_that_loses_the_race_changes_nothing(hr_client, skill, form_data, change_url, monkeypatch):
    """Both saves passed the form's check at the same moment; the colleague's UPDATE landed first."""
    data = form_data(hr_client.get(change_url(skill)))
    colleague = Skill.objects.get(pk=skill.pk)
    colleague.claim_version(skill.version)
    colleague.definition = "同事先保存的修改。"
    colleague.save()
    monkeypatch.setattr(Skill, "stored_version", lambda self: skill.version)

    data["definition"] = "输掉竞争的修改。"
    response = hr_client.post(change_url(skill), data, follow=True)

    assert EditConflict.message in response.content.decode()
    stored = Skill.objects.get(pk=skill.pk)
    assert (stored.definition, stored.version) == ("同事先保存的修改。", skill.version + 1)
    assert not skill.history.filter(definition="输掉竞争的修改。").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks between real connections")
def test_two_simultaneous_saves_on_separate_connections_cannot_both_pass(guide):
    """Two editors' transactions claim the same version at the same time: the second waits, then is refused."""
    skill = Skill.objects.first()
    first_claimed, outcomes = threading.Event(), {}

    def save(name, before_commit):
        try:
            with transaction.atomic():
                editor = Skill.objects.get(pk=skill.pk)
                editor.claim_version(skill.version)
                editor.definition = f"{name} 的修改。"
                editor.save()
                before_commit()
            outcomes[name] = "saved"
        except EditConflict:
            outcomes[name] = "refused"
        finally:
            connections.close_all()

    def hold_the_lock_a_moment():
        first_claimed.set()
        time.sleep(0.5)

    first = threading.Thread(target=save, args=("first", hold_the_lock_a_moment))
    first.start()
    assert first_claimed.wait(10)
    second = threading.Thread(target=save, args=("second", lambda: None))
    second.start()
    first.join(10), second.join(10)

    assert outcomes == {"first": "saved", "second": "refused"}
    stored = Skill.objects.get(pk=skill.pk)
    assert (stored.definition, stored.version) == ("first 的修改。", skill.version + 1)
