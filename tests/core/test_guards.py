"""Hostile input that used to reach a 500 or slip past a guard: each is now a clear 4xx or refused."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory

from core.chinese import fullwidth
from core.security import client_ip
from progression.models import Stage
from skills.models import Skill, SkillAlias, SkillCategory


@pytest.fixture
def admin_client(db, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "Kefu-daohang-2026"))
    return client


# --- 15: a lone surrogate in JSON ---


@pytest.mark.parametrize(
    "body",
    [
        '{"stage": "promotion", "ratings": {"\\ud800": 1}}',
        '{"stage": "\\udfff", "ratings": {}}',
    ],
)
def test_a_lone_surrogate_in_a_json_body_is_a_400(api, body):
    response = Client().post("/api/v1/assessments/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_proper_surrogate_pair_is_still_accepted(api):
    body = '{"stage": "promotion", "ratings": {"\\ud83d\\ude00": 1}}'  # 😀 is not a skill: a 400 naming it
    response = Client().post("/api/v1/assessments/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert "😀" in response.content.decode()


# --- 16: history pages with ids that cannot exist ---


@pytest.mark.parametrize(
    "path",
    [
        "/admin/skills/skill/abc/history/",
        "/admin/skills/skill/{pk}/history/abc/",
        "/admin/skills/skill/99999999999999999999999/history/",
        "/admin/skills/skill/{pk}/history/99999999999999/",
        "/admin/skills/skillcategory/abc/history/",
        "/admin/progression/stage/abc/history/",
        "/admin/progression/stage/{stage}/history/abc/",
    ],
)
def test_history_pages_answer_404_for_ids_that_cannot_exist(admin_client, path):
    path = path.format(pk=Skill.objects.first().pk, stage=Stage.objects.first().pk)

    assert admin_client.get(path).status_code == 404


def test_a_real_history_page_still_opens(admin_client):
    assert admin_client.get(f"/admin/skills/skill/{Skill.objects.first().pk}/history/").status_code == 200


# --- 17: invisible characters ---

INVISIBLE = ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_a_name_with_an_invisible_character_is_refused(db, char):
    skill = Skill.objects.get(name="沟通能力")
    twin = Skill(name=f"沟通能力{char}", slug="communication-2", category=skill.category, definition="定义")

    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "不可见" in str(refused.value.message_dict["name"])


def test_aliases_categories_and_stages_refuse_invisible_characters_too(db):
    skill = Skill.objects.first()
    for record in (
        SkillAlias(skill=skill, name="沟通\u200b技巧"),
        SkillCategory(slug="x", name="技术\u202e类"),
        Stage(slug="x", name="入职\u200b期", order=99),
    ):
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert "name" in refused.value.message_dict


def test_the_api_refuses_a_skill_name_with_an_invisible_character(token_client):
    writer = token_client("change_skill")
    response = writer.patch("/api/v1/skills/communication/", {"name": "沟通能力\u200b"}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()
    assert Skill.objects.filter(slug="communication").values_list("name", flat=True).get() == "沟通能力"


def test_the_admin_refuses_a_skill_name_with_an_invisible_character(admin_client):
    from tests.core.test_response_cache import admin_form_data

    skill = Skill.objects.get(slug="communication")
    form = admin_client.get(f"/admin/skills/skill/{skill.pk}/change/")
    data = {**admin_form_data(form), "name": "沟通能力\u200b"}
    response = admin_client.post(f"/admin/skills/skill/{skill.pk}/change/", data)

    assert response.status_code == 200  # the form again, with the error
    assert "不可见" in response.content.decode()
    skill.refresh_from_db()
    assert skill.name == "沟通能力"


@pytest.mark.parametrize("path", ["/skills/communication\u200b/", "/skills/\u202ecommunication/"])
def test_a_path_with_an_invisible_character_is_not_found(db, path):
    assert Client().get(path).status_code == 404
    assert "不可见" in Client().get("/api/v1/skills/communication\u200b/").json()["detail"]


# --- 18: X-Forwarded-For only from trusted proxies ---


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_direct_client_cannot_choose_its_address_with_x_forwarded_for(behind_proxy):
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(direct) == "203.0.113.5"


def test_the_address_a_trusted_proxy_appended_is_the_client(behind_proxy):
    proxied = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")

    assert client_ip(proxied) == "198.51.100.7"


def test_trusted_proxies_come_from_the_setting(behind_proxy, settings):
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]
    from_network = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="198.51.100.7")
    from_loopback = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert client_ip(from_network) == "198.51.100.7"
    assert client_ip(from_loopback) == "127.0.0.1"


def test_a_malformed_trusted_proxies_setting_is_refused_at_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from careerguide.settings import env_networks

    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1,nginx.internal")
    with pytest.raises(ImproperlyConfigured):
        env_networks("TRUSTED_PROXIES", "")


def test_the_api_rate_limit_counts_a_direct_client_once_whatever_it_forwards(behind_proxy, api, settings):
    from core.api.policy import AnonymousThrottle

    throttle = AnonymousThrottle()
    idents = {
        throttle.get_ident(RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"))
        for n in range(5)
    }
    assert idents == {"203.0.113.5"}


# --- 20: an oversized API body ---


def test_an_api_body_over_the_size_limit_is_a_json_413_in_chinese(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"stage": "promotion", "ratings": {}, "padding": "x" * 2000})
    response = Client().post("/api/v1/assessments/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == fullwidth("请求体过大,无法处理。请缩小提交的内容后重试。")


def test_a_page_body_over_the_size_limit_is_a_chinese_page(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post("/i18n/setlang/", {"language": "zh-hant", "padding": "x" * 2000})

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
