"""Search in the words job seekers use: every kind of content, a fixed number of SQL queries whatever the data.

What a reader typed is converted to Simplified script (the content's), then searched together with the terms of
every topic it names in fixtures/search_synonyms.yaml (工资 → 收入, 月薪 …); the topics also point at the pages
and sections that answer them. The synonym list adds no facts: it only leads to content that exists.
"""

from dataclasses import dataclass, field
from functools import cache

import yaml
from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.chinese import search_forms
from progression.models import CareerAdvice, Challenge, OverviewEntry, Resource, Stage, StoryStep, Track
from salaries.models import CitySalary
from salaries.templatetags.salary_chart import yuan
from skills.models import Skill

SYNONYMS = settings.BASE_DIR / "fixtures" / "search_synonyms.yaml"
QUERY_MAX = 50
EXCERPT_BEFORE, EXCERPT_LENGTH = 20, 90
SHOWN_PER_SECTION = 12  # a one-character query can match most of the guide: show the first of each kind


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    args: tuple = ()
    fragment: str = ""

    def href(self):
        return reverse(self.url, args=self.args) + (f"#{self.fragment}" if self.fragment else "")


@dataclass(frozen=True)
class Topic:
    name: str
    words: tuple
    terms: tuple
    links: tuple

    def words_in(self, text):
        text = text.lower()
        return [word for word in self.words if word.lower() in text]


@cache
def topics():
    data = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))
    return tuple(
        Topic(
            name=topic["name"],
            words=tuple(topic["words"]),
            terms=tuple(topic.get("terms") or ()),
            links=tuple(Link(**{**link, "args": tuple(link.get("args", ()))}) for link in topic["links"]),
        )
        for topic in data["topics"]
    )


def named_topics(text):
    """The topics whose words occur in `text`, except a word only inside a longer one (书 in 证书 is no book)."""
    found = {topic: topic.words_in(text) for topic in topics()}
    longer = [word for words in found.values() for word in words]
    return [
        topic
        for topic, words in found.items()
        if any(not any(word != other and word in other for other in longer) for word in words)
    ]


@dataclass
class Query:
    """What the reader typed, what is searched for, and the topics it names."""

    typed: str
    text: str = ""
    forms: list = field(default_factory=list)
    topics: list = field(default_factory=list)

    def __post_init__(self):
        self.typed = self.typed.strip()
        # 溝通 finds 沟通 and 影片 finds 视频: the content is stored in Simplified, mainland wording.
        self.forms = search_forms(self.typed) if self.typed else []
        self.text = self.forms[0] if self.forms else ""
        named = [topic for form in self.forms for topic in named_topics(form)]
        self.topics = [topic for index, topic in enumerate(named) if topic not in named[:index]]

    @property
    def problem(self):
        if not self.typed:
            return _("请输入要搜索的内容，例如“沟通”“工资”“北京”或“入职期”。")
        if len(self.typed) > QUERY_MAX:
            return _("搜索内容太长了，请控制在 %(count)s 个字以内。") % {"count": QUERY_MAX}
        return None

    @property
    def terms(self):
        """The typed text first, then each named topic's terms, without repeats."""
        found = [*self.forms, *(term for topic in self.topics for term in topic.terms)]
        return list(dict.fromkeys(found))


@dataclass
class Hit:
    title: str
    url: str
    note: str = ""
    texts: tuple = ()  # the fields the passage may come from, in order of preference
    aliases: tuple = ()
    passage: str = ""  # set by find(): the part of the texts around the first match


def first_found(texts, terms):
    """The first text that contains a term, else the first non-empty one."""
    texts = [text for text in texts if text]
    lowered = [term.lower() for term in terms]
    return next((text for text in texts if any(term in text.lower() for term in lowered)), texts[0] if texts else "")


def excerpt(text, terms):
    """A short passage of `text` around the first term it contains (the whole text when short)."""
    text = " ".join(text.split())
    positions = [text.lower().find(term.lower()) for term in terms]
    start = max(0, min((p for p in positions if p >= 0), default=0) - EXCERPT_BEFORE)
    passage = text[start : start + EXCERPT_LENGTH]
    return ("…" if start else "") + passage + ("…" if start + EXCERPT_LENGTH < len(text) else "")


def ranked(hits, terms, *, names=lambda hit: (hit.title,)):
    """Hits whose title (or, for skills, an alias) contains a term first; otherwise the content's own order."""

    def rank(hit):
        return next((i for i, name in enumerate(names(hit)) if any(t.lower() in name.lower() for t in terms)), 99)

    return sorted(hits, key=rank)


def skill_hits(terms):
    skills = Skill.objects.select_related("category").prefetch_related("aliases").matching(*terms)
    hits = []
    for skill in skills:
        aliases = tuple(alias.name for alias in skill.aliases.all())
        texts = (skill.definition, skill.scenario, skill.importance, skill.market_demand, skill.impact)
        hits.append(Hit(skill.name, skill.get_absolute_url(), skill.category.name, texts, aliases))
    # Named by the query, then known by it as an alias, then only mentioning it.
    return ranked(hits, terms, names=lambda hit: (hit.title, "\n".join(hit.aliases)))


def overview_hits(terms):
    home = reverse("home")
    return ranked(
        [
            Hit(entry.title, f"{home}#{entry.slug}", entry.get_section_display(), (entry.body, entry.points))
            for entry in OverviewEntry.objects.matching(*terms)
        ],
        terms,
    )


def stage_hits(terms):
    return [
        Hit(stage.name, stage.get_absolute_url(), stage.phase, (stage.skill_needs, stage.strategy))
        for stage in Stage.objects.matching(*terms)
    ]


def progression_hits(terms):
    """Tracks, challenges, career advice and the career story: all shown on the progression page; the four kinds
    are searched in one query."""
    page = reverse("progression:index")
    kinds = [
        (Track, "name", "track-{}", _("发展通道"), ("traits", "growth", "summary")),
        (Challenge, "name", "challenge-{}", _("职业挑战"), ("description", "strategy")),
        (CareerAdvice, "title", "advice-{}", _("职业建议"), ("body",)),
        (StoryStep, "role", "story-title", _("真实职业故事"), ("description",)),
    ]
    parts = [
        model.objects.matching(*terms)
        .order_by()
        .annotate(
            kind=Value(index),
            heading=F(title),
            anchor=F("slug") if "{}" in anchor else Value("", output_field=models.TextField()),
            **{
                f"text{n}": F(texts[n]) if n < len(texts) else Value("", output_field=models.TextField())
                for n in range(3)
            },
        )
        .values_list("kind", "order", "pk", "heading", "anchor", "text0", "text1", "text2")
        for index, (model, title, anchor, _label, texts) in enumerate(kinds)
    ]
    hits = []
    for kind, _order, _pk, heading, slug, *texts in (
        parts[0].union(*parts[1:], all=True).order_by("kind", "order", "pk")
    ):
        _model, _title, anchor, label, fields = kinds[kind]
        hits.append(Hit(heading, f"{page}#{anchor.format(slug)}", label, tuple(texts[: len(fields)])))
    return hits


def resource_hits(terms):
    page = reverse("learning")
    return [
        Hit(resource.name, f"{page}#resource-{resource.slug}", resource.get_kind_display(), (resource.description,))
        for resource in Resource.objects.matching(*terms)
    ]


def salary_line(row):
    return _("平均月薪 %(salary)s 元/月（%(period)s入职平均薪酬）") % {
        "salary": yuan(row.average_monthly),
        "period": row.dataset.period,
    }


def city_hits(terms, typed):
    rows = CitySalary.objects.with_city().matching(*terms, original=typed)
    return [
        Hit(
            row.city.name,
            row.get_absolute_url(),
            f"{row.city.province} · {row.city.get_region_display()}",
            (salary_line(row),),
        )
        for row in rows
    ]


def find(query):
    """[(heading, hits, hidden)] for every kind of content with a hit: skills and stages (what people most often
    look for by name) first, then the rest in the order of the site's sections.

    `hits` are the first SHOWN_PER_SECTION, `hidden` how many more there are.
    """
    terms = query.terms
    sections = [
        (_("技能"), skill_hits(terms)),
        (_("发展阶段"), stage_hits(terms)),
        (_("职业概况"), overview_hits(terms)),
        (_("发展通道、挑战、建议与职业故事"), progression_hits(terms)),
        (_("学习资源"), resource_hits(terms)),
        (_("城市薪资"), city_hits(terms, query.typed)),
    ]
    shown = [(heading, hits[:SHOWN_PER_SECTION], len(hits[SHOWN_PER_SECTION:])) for heading, hits in sections if hits]
    for _heading, hits, _hidden in shown:
        for hit in hits:
            hit.passage = excerpt(first_found(hit.texts, terms), terms)
    return shown


def suggestions():
    """Where to go when nothing matches: a word from each topic to search, and the sections that answer them."""
    links = list(dict.fromkeys(link for topic in topics() for link in topic.links))
    return {"words": [topic.words[0] for topic in topics()], "links": links}
