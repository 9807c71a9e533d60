"""The record of the citation review (issue 12): each citation supports the record it is attached to, the weak
ones found are gone, and the content the first import dropped is back, each piece cited.

A phrase counts as cited when one of the record's own quotes contains it (Traditional quotes read in Simplified).
"""

import re

import opencc
import pytest
from django.conf import settings

from progression.models import OverviewEntry, Stage, StageRequirement, StoryStep
from skills.models import Citation, Skill, SkillCategory

pytestmark = pytest.mark.django_db

t2s = opencc.OpenCC("t2s").convert


def source(prefix):
    (path,) = settings.SOURCES_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def quotes_of(record):
    return [t2s(citation.quote) for citation in record.citations.all()]


def assert_said_and_cited(record, text, phrase):
    assert phrase in text, (record, phrase)
    assert any(phrase in quote for quote in quotes_of(record)), (record, phrase)


# Citations the review found attached to records they do not support, and what was done.
REPLACED = [
    (Skill, "industry-knowledge", "应对策略:不断更新自身技能,关注行业动态,提升综合素质。"),  # a challenge's strategy
    (Skill, "language", "人際交往和語言表達是否有進步"),  # a self-review question in 004's advice
    (SkillCategory, "professionalism", "本文将从客户服务人员的定义、职业素养、服务技能、工作环境"),  # 003's topic list
    (Stage, "management", "幾年下來,阿妍先後晉陞為組長、主管"),  # 阿妍's path, not the stage 000 describes
    (Stage, "management", "例如晋升为团队主管或售后客服经理"),
    (
        Stage,
        "promotion",
        "售后客服职业的晋升机会相对较少。一般来说,售后客服人员可以通过积累经验和提升服务质量来获得晋升机会",
    ),
    (Stage, "entry", "首先,公司重視對客服代表的業務培訓。我們每個人都是考試上崗"),
]


@pytest.mark.parametrize(("model", "slug", "quote"), REPLACED)
def test_a_weak_citation_found_in_the_review_is_gone(model, slug, quote):
    record = model.objects.get(slug=slug)
    assert quote not in [citation.quote for citation in record.citations.all()]
    assert record.citations.exists()


def test_the_requirement_cited_to_a_stages_strategy_is_gone():
    assert not StageRequirement.objects.filter(stage__slug="entry", skill__slug="service-system").exists()


def test_a_stage_cites_only_000s_lines_about_it():
    text = source("000")
    for stage in Stage.objects.prefetch_related("citations__source"):
        for citation in stage.citations.all():
            assert citation.source.slug == "000", (stage, citation.quote)
            line = next(line for line in text.splitlines() if citation.quote in line)
            assert stage.name in line or citation.quote.split(":", 1)[-1] in stage.skill_needs + stage.strategy


def test_the_professionalism_category_is_cited_to_what_003_says_of_it():
    category = SkillCategory.objects.get(slug="professionalism")
    assert_said_and_cited(category, category.description, "诚信、责任感和尊重他人")


def story_paragraphs():
    text = source("004")
    story = text[text.index("上海女孩阿妍") : text.index("一方面,基層客服")]
    return [line.strip().replace("\xa0", "") for line in story.splitlines() if line.strip().replace("\xa0", "")]


def test_ayans_story_is_told_in_full_every_clause_cited():
    told = "".join(step.description for step in StoryStep.objects.all())
    quoted = "".join(quote for step in StoryStep.objects.prefetch_related("citations") for quote in quotes_of(step))
    for paragraph in story_paragraphs():
        for clause in re.split(r"[。!?…,;:]", t2s(paragraph)):
            clause = clause.strip("”“‘’ ")
            if len(clause) > 2:
                assert clause in told, clause
                assert clause in quoted, clause


@pytest.mark.parametrize(
    "phrase",
    [
        "每月也就百元左右",
        "包括玩具、儿童用书和家长用书",
        "有人打听优惠活动啦",
        "能解决的我就帮他解决",
        "走马灯",
        "电话营销经",
        "磨几回一般就签单了",
        "要允许人家有意见",
        "苦不堪言",
    ],
)
def test_the_facts_the_first_import_dropped_from_the_story_are_back(phrase):
    assert any(phrase in step.description for step in StoryStep.objects.all()), phrase


def test_nothing_calls_the_story_true_that_004_does_not(client):
    assert "真实" not in source("004") and "真實" not in source("004")
    assert "真实" not in str(StoryStep._meta.verbose_name)
    assert "真实" not in client.get("/progression/").content.decode()


@pytest.mark.parametrize(
    ("slug", "phrase"),
    [
        ("patience-emotion", "让客户感到被尊重和关怀"),
        ("patience-emotion", "始终保持积极的工作态度"),
        ("patience-emotion", "服务人员需要学会控制自己的情绪"),
        ("communication", "积极倾听客户的诉求和问题"),
        ("communication", "善于倾听客户的需求和反馈"),
        ("service-awareness", "以提供优质服务为宗旨"),
        ("service-awareness", "热情、友好、积极主动的态度"),
        ("problem-solving", "满足客户需求"),
        ("adaptability", "不同类型的客户"),
        ("learning", "客户需求变化"),
        ("product-knowledge", "产品或服务特点、功能、优势、规格、适用场景"),
        ("teamwork", "与其他部门有效沟通和协作"),
    ],
)
def test_a_merged_skill_keeps_and_cites_what_each_variant_adds(slug, phrase):
    skill = Skill.objects.prefetch_related("citations").get(slug=slug)
    assert_said_and_cited(skill, skill.definition, phrase)


@pytest.mark.parametrize(
    ("slug", "phrase"),
    [
        ("training-and-career-opportunities", "通过晋升、转岗等方式提升其职业满意度和工作积极性"),
        ("training-and-career-opportunities", "企业通常会定期组织培训"),
        ("broad-prospects", "还需具备良好的沟通能力和情绪管理能力"),
    ],
)
def test_003s_sentences_on_careers_communication_and_emotion_are_kept_and_cited(slug, phrase):
    entry = OverviewEntry.objects.prefetch_related("citations").get(slug=slug)
    assert_said_and_cited(entry, entry.body, phrase)


def test_product_or_service_details_lives_in_one_place():
    # 002 lists 产品或服务详情 as 售前知识; the site merges it into 产品知识 and the 售前知识 category says so.
    presales = SkillCategory.objects.get(slug="presales")
    product = Skill.objects.get(slug="product-knowledge")
    assert product.aliases.filter(name="产品或服务详情").exists()
    assert "并入" in presales.description and "产品知识" in presales.description
    assert not Skill.objects.filter(category=presales, name__contains="产品或服务").exists()


def test_no_quote_is_cited_twice_by_one_record():
    seen = set()
    for citation in Citation.objects.all():
        key = (citation.content_type_id, citation.object_id, citation.quote)
        assert key not in seen, citation
        seen.add(key)
