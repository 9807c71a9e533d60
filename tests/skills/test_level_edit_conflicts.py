"""A level edited on its own page or through the API is under the same lock against lost edits as its skill."""

from skills.models import EditConflict, Skill, SkillLevel


def test_a_stale_level_page_is_refused_and_the_newer_edit_survives(hr_client, skill, form_data, change_url):
    level = skill.levels.first()
    stale = form_data(hr_client.get(change_url(level)))
    # Meanwhile a colleague saves the skill (or any of its levels) elsewhere.
    Skill.objects.get(pk=skill.pk).claim_version(Skill.objects.get(pk=skill.pk).version)
    SkillLevel.objects.filter(pk=level.pk).update(description="同事后来保存的描述。")

    stale["description"] = "过期页面上的描述。"
    response = hr_client.post(change_url(level), stale)

    assert response.status_code == 200
    assert EditConflict.message in response.content.decode()
    level.refresh_from_db()
    assert level.description == "同事后来保存的描述。"


def test_a_fresh_level_page_saves_and_makes_open_skill_forms_stale(hr_client, skill, form_data, change_url):
    skill_form = form_data(hr_client.get(change_url(skill)))
    level = skill.levels.first()
    fresh = form_data(hr_client.get(change_url(level)))
    fresh["description"] = "在掌握程度页面保存的描述。"

    assert hr_client.post(change_url(level), fresh).status_code == 302
    assert hr_client.post(change_url(skill), skill_form).status_code == 200
    level.refresh_from_db()
    assert level.description == "在掌握程度页面保存的描述。"


def test_an_api_level_write_with_an_old_version_is_a_conflict(token_client, skill):
    level = skill.levels.first()
    url = f"/api/v1/skills/{skill.slug}/levels/{level.level}/"
    client = token_client("change_skilllevel")
    version = client.get(url).json()["version"]
    assert version == skill.version
    Skill.objects.get(pk=skill.pk).claim_version(version)  # a colleague saves the skill

    response = client.patch(url, {"description": "基于旧版本的修改。", "version": version}, format="json")

    assert response.status_code == 409
    level.refresh_from_db()
    assert level.description != "基于旧版本的修改。"
    current = client.get(url).json()["version"]
    accepted = client.patch(url, {"description": "基于新版本的修改。", "version": current}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["version"] == Skill.objects.get(pk=skill.pk).version


def test_an_api_level_put_with_an_old_version_is_a_conflict(token_client, skill):
    level = skill.levels.first()
    url = f"/api/v1/skills/{skill.slug}/levels/{level.level}/"
    client = token_client("change_skilllevel")
    data = client.get(url).json()
    Skill.objects.get(pk=skill.pk).claim_version(data["version"])

    payload = {"level": level.level, "description": "PUT 的旧修改。", "version": data["version"]}
    assert client.put(url, payload, format="json").status_code == 409
