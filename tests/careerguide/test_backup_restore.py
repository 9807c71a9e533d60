"""`manage.py backup` / `restore` round-trip everything: the guide, HR edits, users, groups, tokens, history.

Runs on whichever database the suite runs on (SQLite, and PostgreSQL in CI).
"""

import gzip
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from careerguide.backup import EXCLUDED, FORMAT
from core.models import DataVersion
from progression.models import Resource, Stage
from skills.models import Citation, Skill

PASSWORD = "Beifen-huifu-2026"


def everything():
    """The whole database as backup sees it, in a comparable form."""
    from io import StringIO

    out = StringIO()
    # Exact times: plain json would compare them to the millisecond only.
    call_command("dumpdata", format=FORMAT, natural_foreign=True, exclude=EXCLUDED, use_base_manager=True, stdout=out)
    return sorted(json.dumps(record, sort_keys=True, ensure_ascii=False) for record in json.loads(out.getvalue()))


@pytest.fixture
def edited(guide):
    """The seed data plus what HR and the site's users add: edits with history, a group, a user, a token."""
    hr = get_user_model().objects.create_user("hr-wang", password=PASSWORD, is_staff=True)
    group = Group.objects.create(name="内容编辑")
    group.permissions.add(Permission.objects.get(codename="change_skill"))
    hr.groups.add(group)
    Token.objects.create(user=hr)

    skill = Skill.objects.order_by("pk").first()
    skill._history_user = hr
    skill.definition += "(HR 补充)"
    skill.save()
    resource = Resource.objects.order_by("pk").first()
    resource.skills.add(skill)
    LogEntry.objects.log_actions(
        user_id=hr.pk, queryset=[skill], action_flag=CHANGE, change_message="修改定义", single_object=True
    )
    return skill


def test_restore_brings_back_exactly_what_was_backed_up(edited, tmp_path):
    before = everything()
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), verbosity=0)

    # Damage everything a mistake could damage.
    Skill.objects.filter(pk=edited.pk).update(definition="被误改的定义")
    Stage.objects.order_by("pk").first().delete()
    get_user_model().objects.all().delete()
    Group.objects.all().delete()
    Skill.history.all().delete()
    assert everything() != before

    call_command("restore", str(path), verbosity=0)

    assert everything() == before
    restored = Skill.objects.get(pk=edited.pk)
    assert restored.definition.endswith("(HR 补充)")
    assert restored.history.first().history_user.username == "hr-wang"
    hr = get_user_model().objects.get(username="hr-wang")
    assert hr.check_password(PASSWORD) and hr.has_perm("skills.change_skill")
    assert Token.objects.filter(user=hr).exists()
    assert LogEntry.objects.filter(user=hr, change_message="修改定义").exists()
    # Generic relations point at the same records after content types were rebuilt.
    assert Citation.objects.filter(content_type=ContentType.objects.get_for_model(Skill), object_id=edited.pk).exists()


def test_times_come_back_to_the_microsecond(edited, tmp_path):
    # Django's JSON keeps milliseconds only: .123456 came back as .123, and .000500 as a whole second.
    older, newer = edited.history.order_by("history_id")[:2]
    moments = {
        older.history_id: datetime(2026, 3, 2, 9, 30, 15, 500, tzinfo=UTC),
        newer.history_id: datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC),
    }
    for history_id, moment in moments.items():
        Skill.history.filter(history_id=history_id).update(history_date=moment)
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), verbosity=0)
    Skill.history.all().delete()

    call_command("restore", str(path), verbosity=0)

    assert dict(Skill.history.filter(history_id__in=moments).values_list("history_id", "history_date")) == moments


def test_restore_changes_the_data_version_so_no_cache_serves_the_old_data(edited, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", str(path), verbosity=0)
    version = DataVersion.current()[0]
    call_command("restore", str(path), verbosity=0)
    assert DataVersion.current()[0] != version


def test_a_broken_backup_is_refused_and_the_database_left_untouched(edited, tmp_path):
    before = everything()
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "skills.skill", "pk": 1, "fields": {"name": ')
    with pytest.raises(CommandError, match="数据库未做任何改动"):
        call_command("restore", str(path), verbosity=0)
    assert everything() == before


def test_a_missing_backup_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "nothing.json.gz"), verbosity=0)


def backup_content(path):
    return json.loads(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_text())


def write_content(path, content):
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def backup_file(edited, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", str(path), verbosity=0)
    return path


def refused(path, reason):
    before = everything()
    with pytest.raises(CommandError, match="数据库未做任何改动") as error:
        call_command("restore", str(path), verbosity=0)
    assert reason in str(error.value)
    assert everything() == before


def test_a_backup_carries_a_manifest_of_its_records(backup_file):
    content = backup_content(backup_file)
    manifest, records = content["manifest"], content["records"]
    assert manifest["counts"]["skills.skill"] == Skill.objects.count()
    assert sum(manifest["counts"].values()) == len(records)
    assert manifest["version"] == 2 and len(manifest["sha256"]) == 64


def test_an_empty_list_is_refused_before_anything_is_flushed(edited, tmp_path):
    path = tmp_path / "empty.json"
    path.write_text("[]")
    refused(path, "没有清单")


def test_a_backup_cut_at_a_record_boundary_is_refused(backup_file):
    content = backup_content(backup_file)
    content["records"] = [record for record in content["records"] if record["model"] != "skills.historicalskill"]
    write_content(backup_file, content)
    refused(backup_file, "记录数与清单不符")


def test_a_backup_whose_records_were_altered_is_refused(backup_file):
    content = backup_content(backup_file)
    skill = next(record for record in content["records"] if record["model"] == "skills.skill")
    skill["fields"]["definition"] = "被改过的定义"
    write_content(backup_file, content)
    refused(backup_file, "校验和")


def test_a_manifest_without_records_is_refused(backup_file):
    write_content(backup_file, {"manifest": backup_content(backup_file)["manifest"] | {"counts": {}}, "records": []})
    refused(backup_file, "没有任何记录")


def test_an_old_backup_without_manifest_is_refused(backup_file):
    write_content(backup_file, backup_content(backup_file)["records"])
    refused(backup_file, "旧格式")


def test_a_refused_restore_exits_non_zero(tmp_path):
    # The file is refused before the database is opened; a throw-away SQLite file stands in for it.
    path = tmp_path / "empty.json"
    path.write_text("[]")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(path)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "数据库未做任何改动" in result.stderr


def test_backups_are_readable_by_their_owner_only(edited, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    call_command("backup", verbosity=0)
    folder = tmp_path / "var" / "backups"
    [path] = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    existing = tmp_path / "shared.json.gz"
    existing.write_text("")
    existing.chmod(0o644)
    call_command("backup", str(existing), verbosity=0)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
