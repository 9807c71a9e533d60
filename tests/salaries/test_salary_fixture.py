import datetime
import re
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from pypinyin import lazy_pinyin

from salaries.management.commands.build_salary_fixture import build
from salaries.models import CitySalary, SalaryBand, SalaryDataset


def source(prefix):
    (path,) = settings.SOURCES_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def published_table():
    """The city table of source 004 read independently of the builder: name line, then number line."""
    after = source("004").split("職位薪酬", 1)[1]
    lines = [line.strip() for line in after.splitlines() if line.strip()][1:]
    while lines[:2] == ["城市", "平均月薪"]:
        lines = lines[2:]
    table = {}
    while len(lines) >= 2 and lines[1].isdigit():
        table[lines[0]] = int(lines[1])
        lines = lines[2:]
    return table


def test_the_committed_fixture_is_what_the_builder_produces():
    call_command("build_salary_fixture", "--check")


def test_check_fails_when_the_committed_fixture_differs(tmp_path, settings):
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in settings.SOURCES_DIR.glob("004_*.txt"):
        shutil.copy(path, sources)
    committed = (settings.SOURCES_DIR.parent / "salary_table.yaml").read_text(encoding="utf-8")
    (tmp_path / "salary_table.yaml").write_text(committed.replace("7285", "7286"), encoding="utf-8")
    settings.SOURCES_DIR = sources
    with pytest.raises(CommandError, match="不一致"):
        call_command("build_salary_fixture", "--check")


def test_it_fails_clearly_when_the_table_does_not_have_36_cities():
    text = source("004").replace("大連\n\n4584", "")
    with pytest.raises(CommandError, match="36"):
        build(text)


def test_it_keeps_the_traditional_name_and_quotes_each_row_literally():
    cities = {city["name"]: city for city in build(source("004"))["cities"]}
    assert cities["沈阳"]["name_traditional"] == "瀋陽"
    for city in cities.values():
        assert city["citations"][0]["quote"] in source("004")
        assert city["citations"][0]["quote"].startswith(city["name_traditional"])


@pytest.mark.django_db
def test_the_loaded_cities_and_averages_are_the_published_table():
    table = published_table()
    loaded = dict(CitySalary.objects.values_list("city__name_traditional", "average_monthly"))
    assert len(table) == 36
    assert loaded == table


@pytest.mark.django_db
def test_the_dataset_carries_the_three_published_caveats():
    dataset = SalaryDataset.objects.get()
    assert dataset.as_of == datetime.date(2010, 6, 1)
    assert len(dataset.caveat_list()) == 3
    assert "入职平均薪酬" in dataset.caveats
    assert dataset.salaries.count() == 36


@pytest.mark.django_db
def test_the_junior_and_senior_bands_are_those_of_source_001():
    text = source("001")
    junior = re.search(r"初级售后客服人员的月薪一般在(\d+)-(\d+)元", text).groups()
    senior = re.search(r"高级售后客服人员的月薪可达到(\d+)-(\d+)元", text).groups()
    bands = {band.slug: (str(band.minimum), str(band.maximum)) for band in SalaryBand.objects.all()}
    assert bands == {"junior": junior, "senior": senior}


def test_the_city_slugs_are_the_pinyin_of_their_names():
    for city in build(source("004"))["cities"]:
        assert city["slug"] == "".join(lazy_pinyin(city["name"])), city["name"]
