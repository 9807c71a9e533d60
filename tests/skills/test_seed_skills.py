"""The skill taxonomy as loaded from fixtures/skills.yaml, checked against the seed files and source 000 itself."""

import re
from collections import Counter

import opencc
import pytest
import yaml
from django.conf import settings

from skills.models import Skill, SkillAlias, SkillCategory, SkillLevel, Source

FIXTURES = settings.BASE_DIR / "fixtures"
TEXT_FIELDS = ("definition", "scenario", "importance", "market_demand", "impact")


def seed(name):
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def source_text(slug):
    (path,) = (FIXTURES / "sources").glob(f"{slug}_*.txt")
    return path.read_text(encoding="utf-8")


def skills_described_in_000():
    """Read the six skills straight from the text of 000, so the test does not trust skills.yaml."""
    text = source_text("000")
    section = text[text.index("二、职业技能详细分类") : text.index("三、")]
    skills = {}
    for block in re.split(r"\n  \d+\. ", section)[1:]:
        name, _, body = block.partition("\n")
        facts = dict(re.findall(r"\d+\. (定义|应用场景|重要性|市场需求|影响程度|掌握程度):(.+)", body))
        levels = dict(re.findall(r"(入门|熟练|精通)\(([^)]+)\)", facts.pop("掌握程度", "")))
        skills[name.strip()] = facts, levels
    return skills


def test_the_four_categories_are_loaded_with_their_names_and_order(db):
    expected = [(c["slug"], c["name"], c["order"]) for c in seed("skills.yaml")["categories"]]

    assert [c[0] for c in expected] == ["technical", "soft", "presales", "professionalism"]
    assert list(SkillCategory.objects.values_list("slug", "name", "order")) == expected
    for category in SkillCategory.objects.all():
        assert category.citations.exists(), category.slug


def test_each_category_cites_the_document_that_names_it(db):
    for category in SkillCategory.objects.prefetch_related("citations__source"):
        short_name = category.name.split("(")[0]
        assert any(short_name in citation.quote for citation in category.citations.all()), category.slug


def test_source_000_yields_six_skills_three_of_them_with_levels():
    skills = skills_described_in_000()

    assert len(skills) == 6
    assert sum(bool(levels) for _, levels in skills.values()) == 3
    assert all(set(levels) == {"入门", "熟练", "精通"} for _, levels in skills.values() if levels)


@pytest.mark.parametrize("name", list(skills_described_in_000()))
def test_the_skills_of_000_keep_its_definition_scenario_and_weight(db, name):
    facts, _ = skills_described_in_000()[name]
    skill = Skill.objects.get(name=name)

    assert facts["定义"] in skill.definition
    assert facts["应用场景"] in skill.scenario
    assert skill.importance == facts.get("重要性", "")
    assert skill.market_demand == facts.get("市场需求", "")
    assert skill.impact == facts.get("影响程度", "")
    assert skill.citations.filter(source__slug="000").exists()


@pytest.mark.parametrize("name", list(skills_described_in_000()))
def test_the_skills_of_000_have_exactly_its_three_levels(db, name):
    _, levels = skills_described_in_000()[name]
    skill = Skill.objects.get(name=name)

    loaded = {level.get_level_display(): level.description for level in skill.levels.all()}

    assert loaded == levels
    for level in skill.levels.all():
        assert all(citation.source.slug == "000" for citation in level.citations.all())
        assert level.citations.exists()


def test_no_other_skill_has_invented_levels(db):
    with_levels_in_000 = {name for name, (_, levels) in skills_described_in_000().items() if levels}

    assert set(SkillLevel.objects.values_list("skill__name", flat=True)) == with_levels_in_000


def test_every_seed_skill_is_loaded_with_its_category_and_aliases(db):
    rows = seed("skills.yaml")["skills"]
    loaded = {skill.slug: skill for skill in Skill.objects.with_levels()}

    assert set(loaded) == {row["slug"] for row in rows}
    for row in rows:
        skill = loaded[row["slug"]]
        assert (skill.name, skill.category.slug) == (row["name"], row["category"])
        assert sorted(alias.name for alias in skill.aliases.all()) == sorted(row["aliases"])


def test_no_two_skills_share_a_name_or_an_alias(db):
    names = list(Skill.objects.values_list("name", flat=True))
    aliases = list(SkillAlias.objects.values_list("name", flat=True))

    repeated = [name for name, count in Counter(names + aliases).items() if count > 1]

    assert len(names) > 6
    assert repeated == []


def test_the_seed_file_itself_repeats_no_skill_name_or_alias():
    rows = seed("skills.yaml")["skills"]

    names = [row["name"] for row in rows] + [alias for row in rows for alias in row["aliases"]]
    slugs = [row["slug"] for row in rows]

    assert [n for n, count in Counter(names).items() if count > 1] == []
    assert [s for s, count in Counter(slugs).items() if count > 1] == []


def test_every_skill_cites_each_document_it_was_drawn_from_and_no_quote_twice(db):
    # A merged skill cites each variant it keeps text from (002's three lists name many skills more than once),
    # so a document may be cited several times for one skill; the same quote never is.
    expected = {row["slug"]: sorted(c["source"] for c in row["citations"]) for row in seed("skills.yaml")["skills"]}

    for skill in Skill.objects.prefetch_related("citations__source"):
        cited = sorted(citation.source.slug for citation in skill.citations.all())
        quotes = [citation.quote for citation in skill.citations.all()]
        assert cited, f"{skill.slug} cites no source"
        assert cited == expected[skill.slug]
        assert len(quotes) == len(set(quotes)), f"{skill.slug} cites a quote twice"


def test_skill_order_is_unique_within_each_category(db):
    for category in SkillCategory.objects.all():
        orders = list(category.skills.values_list("order", flat=True))
        assert sorted(orders) == list(range(1, len(orders) + 1)), category.slug


def test_skill_text_is_stored_in_simplified_chinese(db):
    to_simplified = opencc.OpenCC("t2s")

    for skill in Skill.objects.all():
        for field in TEXT_FIELDS + ("name",):
            value = getattr(skill, field)
            assert to_simplified.convert(value) == value, (skill.slug, field)


def test_quotes_from_the_traditional_source_stay_as_published(db):
    traditional = Source.objects.get(slug="004")
    quotes = list(traditional.citations.filter(content_type__model="skill").values_list("quote", flat=True))

    assert quotes
    assert any(opencc.OpenCC("t2s").convert(quote) != quote for quote in quotes)
    assert all(quote in source_text("004") for quote in quotes)


def test_the_sources_match_the_documents_on_disk(db):
    rows = seed("sources.yaml")
    files = sorted(path.name for path in (FIXTURES / "sources").glob("*.txt"))

    assert sorted(row["filename"] for row in rows) == files
    assert list(Source.objects.values_list("slug", "filename")) == [(r["slug"], r["filename"]) for r in rows]
    assert Source.objects.get(slug="000").title == source_text("000").splitlines()[0]


def test_the_traditional_source_keeps_its_published_title_in_the_summary(db):
    source = Source.objects.get(slug="004")
    published_title = re.search(r"^\[職業百科\].+$", source_text("004"), re.M).group(0)

    assert source.title == opencc.OpenCC("t2s").convert(published_title)
    assert published_title in source.summary
    year, month, day = re.search(r"發佈時間:(\d+)年(\d+)月(\d+)日", source_text("004")).groups()
    assert (source.published_on.year, source.published_on.month, source.published_on.day) == (
        int(year),
        int(month),
        int(day),
    )
