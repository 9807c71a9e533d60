"""Every admin page HR or an administrator can reach opens, and the skill pages answer in few queries."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

GUIDE_APPS = {"skills", "progression", "salaries"}
MODELS = sorted((m for m in admin.site._registry if m._meta.app_label in GUIDE_APPS), key=lambda m: m._meta.label)
REGISTERED = [(m._meta.app_label, m._meta.model_name) for m in MODELS]


def test_every_guide_model_is_registered():
    from django.apps import apps

    models = {
        (m._meta.app_label, m._meta.model_name)
        for m in apps.get_models()
        if m._meta.app_label in GUIDE_APPS and not m.__name__.startswith("Historical")
    }
    assert models == set(REGISTERED)


@pytest.mark.parametrize("model", MODELS, ids=[m._meta.label for m in MODELS])
def test_list_change_and_history_pages_open(admin_client, model):
    app_label, model_name = model._meta.app_label, model._meta.model_name
    obj = model.objects.first()
    assert obj is not None, f"the seed data has no {model_name}"

    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "客"}).status_code == 200
    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_history", args=[obj.pk])).status_code == 200


def test_the_hr_editor_sees_every_content_page(hr_client):
    for app_label, model_name in REGISTERED:
        assert hr_client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200, model_name


def test_the_skill_list_does_not_query_per_skill(hr_client):
    with CaptureQueriesContext(connection) as queries:
        assert hr_client.get(reverse("admin:skills_skill_changelist"), {"all": ""}).status_code == 200
    assert len(queries) < 15
