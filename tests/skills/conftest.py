import pytest
from django.core.management import call_command
from django.urls import reverse

from skills.models import Skill

PASSWORD = "Kefu-daohang-2026"


@pytest.fixture
def make_hr_editor(db, monkeypatch):
    """HR editors created the way a deployment creates them: the management command."""
    from django.contrib.auth import get_user_model

    def make(username="hr"):
        monkeypatch.setenv("HR_EDITOR_PASSWORD", PASSWORD)
        call_command("create_hr_editor", username, verbosity=0)
        return get_user_model().objects.get(username=username)

    return make


@pytest.fixture
def hr_editor(make_hr_editor):
    return make_hr_editor()


@pytest.fixture
def hr_client(client, hr_editor):
    client.force_login(hr_editor)
    return client


@pytest.fixture
def skill(db):
    """A seeded skill with aliases, the three levels and citations."""
    return Skill.objects.filter(aliases__isnull=False, levels__level=3).distinct().first()


@pytest.fixture
def change_url():
    def url(obj):
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])

    return url


@pytest.fixture
def form_data():
    return unchanged_form_data


def unchanged_form_data(response):
    """What the browser would post back unchanged from an admin change (or revert) form."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data
