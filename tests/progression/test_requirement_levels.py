"""A stage requirement carries a level only where a cited quote states it, or as the site's reading with its
explanation; otherwise the source sets none. One rule (StageRequirement.level_problems) for admin, loader, pages."""

import shutil

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from progression.models import LevelBasis, Stage, StageRequirement
from skills.models import Skill

pytestmark = pytest.mark.django_db


def requirement(stage, skill):
    return StageRequirement.objects.get(stage__slug=stage, skill__slug=skill)


def test_a_stated_level_needs_a_quote_that_says_it():
    patience = requirement("promotion", "patience-emotion")
    patience.level, patience.level_basis = 3, LevelBasis.STATED
    with pytest.raises(ValidationError) as error:
        patience.full_clean()
    assert "精通" in str(error.value.message_dict["level_basis"])


def test_a_level_read_by_the_site_needs_its_explanation():
    patience = requirement("promotion", "patience-emotion")
    patience.level, patience.level_basis = 2, LevelBasis.READING
    with pytest.raises(ValidationError) as error:
        patience.full_clean()
    assert "level_note" in error.value.message_dict
    patience.level_note = "来源写“高效的”,本站读作熟练。"
    patience.full_clean()


def test_no_level_means_the_basis_says_unstated_and_the_reverse():
    patience = requirement("promotion", "patience-emotion")
    patience.level = 1
    with pytest.raises(ValidationError):
        patience.full_clean()
    product = requirement("promotion", "product-knowledge")
    product.level = None
    with pytest.raises(ValidationError):
        product.full_clean()


def test_the_loader_refuses_a_level_its_quote_does_not_state(db, tmp_path):
    folder = tmp_path / "fixtures"
    shutil.copytree(settings.BASE_DIR / "fixtures", folder)
    data = yaml.safe_load((folder / "progression.yaml").read_text(encoding="utf-8"))
    promotion = next(stage for stage in data["stages"] if stage["slug"] == "promotion")
    patience = next(row for row in promotion["requirements"] if row["skill"] == "patience-emotion")
    patience["level"] = "精通"  # the audit's invented level: the quote says 高效的情绪管理能力
    (folder / "progression.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="patience-emotion.*精通"):
        call_command("load_guide", "--update", "--fixtures", str(folder), verbosity=0)
    assert requirement("promotion", "patience-emotion").level is None


def test_the_admin_refuses_a_stated_level_without_a_quote_that_says_it(admin_client):
    patience = requirement("promotion", "patience-emotion")
    url = reverse("admin:progression_stagerequirement_change", args=[patience.pk])
    citation = patience.citations.get()
    prefix = "skills-citation-content_type-object_id"
    data = {
        "stage": patience.stage_id,
        "skill": patience.skill_id,
        "level": 3,
        "level_basis": "stated",
        "level_note": "",
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 1,
        f"{prefix}-0-id": citation.pk,
        f"{prefix}-0-source": citation.source_id,
        f"{prefix}-0-quote": citation.quote,
        f"{prefix}-0-order": 0,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "没有一条引文写着“精通”" in response.content.decode()
    assert requirement("promotion", "patience-emotion").level is None
    # The same level with a quote that says it, submitted on the same page, is accepted.
    data[f"{prefix}-0-quote"] = "精通产品知识及高效的情绪管理能力"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert requirement("promotion", "patience-emotion").level == 3


def test_the_skill_page_shows_no_level_the_source_does_not_give(client):
    page = client.get(Skill.objects.get(slug="patience-emotion").get_absolute_url()).content.decode()
    stages = page[page.index('id="stages-title"') : page.index('id="resources-title"')]
    assert "晋升期" in stages and "来源未规定程度" in stages
    assert "精通" not in stages


def test_the_stage_pages_label_the_sites_readings_and_the_unstated_levels(client):
    entry = client.get(Stage.objects.get(slug="entry").get_absolute_url()).content.decode()
    assert "本站解读" in entry and "本站把“基础”读作入门" in entry
    management = client.get(Stage.objects.get(slug="management").get_absolute_url()).content.decode()
    assert management.count("来源未规定程度") >= 2
    assert "level-3" not in management


def test_the_api_gives_a_requirement_without_a_level_as_null_with_its_basis(api):
    stage = api.get("/api/v1/stages/management/").json()
    assert {(r["skill"], r["level"], r["level_basis"]) for r in stage["requirements"]} == {
        ("team-management", None, "unstated"),
        ("strategic-thinking", None, "unstated"),
    }
    entry = api.get("/api/v1/stages/entry/").json()
    communication = next(r for r in entry["requirements"] if r["skill"] == "communication")
    assert communication["level_basis"] == "reading" and "初级" in communication["level_note"]
