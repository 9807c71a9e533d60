import shutil

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from progression.models import (
    CareerAdvice,
    Challenge,
    OverviewEntry,
    Resource,
    Stage,
    StageRequirement,
    StoryStep,
    Track,
)
from salaries.models import City, CitySalary, SalaryBand, SalaryDataset
from skills.models import Citation, Cited, Skill, SkillAlias, SkillCategory, SkillLevel, Source

FIXTURES = settings.BASE_DIR / "fixtures"
# Children before parents: categories and sources are protected while anything points at them.
GUIDE_MODELS = [
    CitySalary,
    City,
    SalaryDataset,
    SalaryBand,
    OverviewEntry,
    StoryStep,
    CareerAdvice,
    Resource,
    Challenge,
    Track,
    StageRequirement,
    Stage,
    SkillLevel,
    SkillAlias,
    Skill,
    SkillCategory,
    Citation,
    Source,
]


def counts():
    return {model.__name__: model.objects.count() for model in GUIDE_MODELS}


def seed(filename):
    return yaml.safe_load((FIXTURES / filename).read_text(encoding="utf-8"))


@pytest.fixture
def empty_database(db):
    for model in GUIDE_MODELS:
        model.objects.all().delete()


@pytest.fixture
def broken_fixtures(tmp_path):
    """A copy of fixtures/ whose progression file cites a quote that is not in the source."""
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    data = seed("progression.yaml")
    data["stages"][0]["citations"][0]["quote"] = "这句话不在任何来源文档里"
    (copy / "progression.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return copy, data["stages"][0]["slug"]


def test_it_loads_every_seed_record_into_an_empty_database(empty_database, capsys):
    call_command("load_guide")

    skills = seed("skills.yaml")
    assert Source.objects.count() == len(seed("sources.yaml"))
    assert SkillCategory.objects.count() == len(skills["categories"])
    assert Skill.objects.count() == len(skills["skills"])
    assert SkillAlias.objects.count() == sum(len(s.get("aliases") or []) for s in skills["skills"])
    assert Stage.objects.count() == len(seed("progression.yaml")["stages"])
    assert Resource.objects.count() == len(seed("learning.yaml")["resources"])
    assert OverviewEntry.objects.count() == len(seed("overview.yaml")["entries"])
    assert CitySalary.objects.count() == len(seed("salary_table.yaml")["cities"])
    assert "created" in capsys.readouterr().out


def test_loading_twice_creates_no_duplicates(db, capsys):
    before = counts()
    call_command("load_guide")

    assert counts() == before
    out = capsys.readouterr().out
    assert "kept" in out and "created" not in out


def test_a_reload_keeps_an_hr_edit_unless_asked_to_update(db):
    skill = Skill.objects.get(slug="communication")
    original = skill.definition
    Skill.objects.filter(pk=skill.pk).update(definition="HR 修改过的定义")

    call_command("load_guide", verbosity=0)
    assert Skill.objects.get(pk=skill.pk).definition == "HR 修改过的定义"

    call_command("load_guide", "--update", verbosity=0)
    assert Skill.objects.get(pk=skill.pk).definition == original


def test_a_broken_fixture_names_file_and_record_and_loads_nothing(empty_database, broken_fixtures):
    folder, stage_slug = broken_fixtures

    with pytest.raises(CommandError) as error:
        call_command("load_guide", "--fixtures", str(folder), verbosity=0)

    assert "progression.yaml" in str(error.value)
    assert f"stage {stage_slug}" in str(error.value)
    # sources.yaml and skills.yaml come first and were valid, yet nothing of them is kept.
    assert all(count == 0 for count in counts().values())


def test_a_broken_update_leaves_existing_data_as_it_was(db, broken_fixtures):
    folder, _ = broken_fixtures
    skills = seed("skills.yaml")
    skills["skills"][0]["definition"] = "不应写入数据库的定义"
    (folder / "skills.yaml").write_text(yaml.safe_dump(skills, allow_unicode=True), encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError):
        call_command("load_guide", "--update", "--fixtures", str(folder), verbosity=0)

    assert counts() == before
    assert Skill.objects.get(slug=skills["skills"][0]["slug"]).definition != "不应写入数据库的定义"


def test_a_missing_seed_file_is_reported_by_name(db, tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    (tmp_path / "fixtures" / "learning.yaml").unlink()

    with pytest.raises(CommandError, match="learning.yaml"):
        call_command("load_guide", "--fixtures", str(tmp_path / "fixtures"), verbosity=0)


def test_invalid_yaml_is_reported_by_name(db, tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    (tmp_path / "fixtures" / "overview.yaml").write_text("entries: [unclosed", encoding="utf-8")

    with pytest.raises(CommandError, match="overview.yaml"):
        call_command("load_guide", "--fixtures", str(tmp_path / "fixtures"), verbosity=0)


def cited_models():
    return [model for model in apps.get_models() if issubclass(model, Cited)]


@pytest.mark.parametrize("model", cited_models(), ids=lambda model: model.__name__)
def test_every_record_cites_a_source(db, model):
    uncited = [str(obj) for obj in model.objects.all() if not obj.citations.exists()]
    assert model.objects.exists()
    assert uncited == []


@pytest.fixture
def hr_edited_skill(db, django_user_model):
    """A skill whose definition HR changed in the admin (so its history names the editor)."""
    skill = Skill.objects.get(slug="communication")
    skill._history_user = django_user_model.objects.create_user("hr-li", is_staff=True)
    skill.definition = "HR 在后台修改的定义。"
    skill.save()
    return skill


def test_an_update_of_unchanged_data_writes_nothing(db, capsys):
    version = Skill.objects.get(slug="communication").version
    history = Skill.history.count()

    call_command("load_guide", "--update")

    out = capsys.readouterr().out
    assert "updated" not in out and "unchanged" in out
    assert Skill.history.count() == history
    assert Skill.objects.get(slug="communication").version == version


def test_an_update_keeps_and_names_a_record_hr_edited(hr_edited_skill, capsys):
    call_command("load_guide", "--update", verbosity=0)

    assert Skill.objects.get(pk=hr_edited_skill.pk).definition == "HR 在后台修改的定义。"
    err = capsys.readouterr().err
    assert "Kept records edited by HR" in err and "skill communication" in err and "hr-li" in err


def test_overwriting_hr_edits_names_them_and_moves_the_skill_version(hr_edited_skill, capsys):
    version = Skill.objects.get(pk=hr_edited_skill.pk).version

    call_command("load_guide", "--update", "--overwrite-edits", verbosity=0)

    skill = Skill.objects.get(pk=hr_edited_skill.pk)
    assert (
        skill.definition == next(s for s in seed("skills.yaml")["skills"] if s["slug"] == "communication")["definition"]
    )
    assert skill.version > version, "forms and API clients holding the old version must be refused"
    err = capsys.readouterr().err
    assert "Overwrote records edited by HR" in err and "skill communication" in err
    # The HR edit stays in the history, so it can be reverted.
    assert skill.history.filter(definition="HR 在后台修改的定义。").exists()


def test_a_reload_that_changes_a_skill_moves_its_version(db):
    skill = Skill.objects.get(slug="communication")
    Skill.objects.filter(pk=skill.pk).update(definition="没有历史记录的改动")

    call_command("load_guide", "--update", verbosity=0)

    assert Skill.objects.get(pk=skill.pk).version > skill.version
