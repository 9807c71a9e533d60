"""Search in the words job seekers use: every kind of content, found in memory.

Every kind of record is read once per data version into an index kept per process (`read_index`), with the text of
the fields its model's `matching` searches; a search matches that text by the same rule (core.text_search), so a
new search costs no query but the data version's, and the first after an edit a fixed few whatever the data.

What a reader typed is converted to Simplified script (the content's), then searched together with the terms of
every topic it names in fixtures/search_synonyms.yaml (工资 → 收入, 月薪 …); the topics also point at the pages
and sections that answer them. The synonym list adds no facts: it only leads to content that exists.
"""

from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial

import yaml
from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.chinese import search_forms
from core.text_search import holds_any, labels_containing, lowered, searched_texts
from core.versioning import data_version
from progression.models import CareerAdvice, Challenge, OverviewEntry, Resource, Stage, StoryStep, Track
from salaries.models import City, CitySalary, Region, SalaryDataset
from salaries.templatetags.salary_chart import yuan
from skills.models import Skill, SkillAlias

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
    wanted = [term.lower() for term in terms]
    return next((text for text in texts if any(term in text.lower() for term in wanted)), texts[0] if texts else "")


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


@dataclass(frozen=True)
class Entry:
    """A record as a search shows it (`hit`) and what finds it: the lowered text of the fields its model's
    `matching` searches (`texts`), the value of a choice whose label may match (`choice`), and for a city the
    Traditional name as published, which the typed text finds too (`published`)."""

    hit: Hit
    texts: tuple
    choice: str = ""
    published: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of content in the results: its heading, how its entries are read, and the choices (kind,
    section, region) whose labels find their records."""

    heading: str
    entries: object
    choices: tuple = ()
    # What ranks a hit first when it contains a term (`ranked`); None: the content's own order.
    ranks: object = None

    def found(self, entries, terms, typed):
        chosen = set(labels_containing(self.choices, terms))
        wanted = [term.lower() for term in terms]
        typed = typed.lower()
        return [
            entry.hit
            for entry in entries
            if holds_any(entry.texts, wanted) or entry.choice in chosen or (typed and typed in entry.published)
        ]


def skill_entries():
    """From rows, not instances: the index of a guide a hundred times larger is built in a fraction of the time."""
    texts = searched_texts(Skill.objects.order_by().values("pk", *Skill.searched_fields), Skill.searched_fields)
    aliases = {}
    for skill, alias in SkillAlias.objects.values_list("skill_id", "name"):
        aliases.setdefault(skill, []).append(alias)
    shown = ("definition", "scenario", "importance", "market_demand", "impact")
    return [
        Entry(
            Hit(name, Skill(slug=slug).get_absolute_url(), category, tuple(shown_texts), tuple(aliases.get(pk, ()))),
            texts[pk],
        )
        for pk, slug, name, category, *shown_texts in Skill.objects.values_list(
            "pk", "slug", "name", "category__name", *shown
        )
    ]


def choice_entries(model, page, anchor, title, choice, shown):
    """Records shown at an anchor of one page (`anchor` formatted with the slug), noted by the label of a choice
    (the overview's section, a resource's kind), which finds them too."""
    url = reverse(page)
    labels = dict(model._meta.get_field(choice).choices)
    rows = list(model.objects.values("pk", "slug", choice, *dict.fromkeys((*model.searched_fields, *shown))))
    texts = searched_texts(rows, model.searched_fields)
    return [
        Entry(
            Hit(
                row[title],
                f"{url}#{anchor.format(row['slug'])}",
                labels.get(row[choice], row[choice]),
                tuple(row[field] for field in shown),
            ),
            texts[row["pk"]],
            row[choice],
        )
        for row in rows
    ]


def stage_entries():
    rows = list(Stage.objects.values("pk", "slug", *Stage.searched_fields))
    texts = searched_texts(rows, Stage.searched_fields)
    return [
        Entry(
            Hit(
                row["name"],
                Stage(slug=row["slug"]).get_absolute_url(),
                row["phase"],
                (row["skill_needs"], row["strategy"]),
            ),
            texts[row["pk"]],
        )
        for row in rows
    ]


PROGRESSION = [
    (Track, "name", "track-{}", _("发展通道"), ("traits", "growth", "summary")),
    (Challenge, "name", "challenge-{}", _("职业挑战"), ("description", "strategy")),
    (CareerAdvice, "title", "advice-{}", _("职业建议"), ("body",)),
    (StoryStep, "role", "story-title", _("真实职业故事"), ("description",)),
]


def progression_entries():
    """Tracks, challenges, career advice and the career story: all shown on the progression page; the four kinds
    are read in one query, each with the (up to three) texts it shows and the fields it is searched by, padded to
    the same columns."""
    page = reverse("progression:index")
    shown_columns = [f"shown{n}" for n in range(3)]
    searched_columns = [f"searched{n}" for n in range(max(len(model.searched_fields) for model, *_ in PROGRESSION))]
    empty = Value("", output_field=models.TextField())

    def padded(columns, fields):
        return {column: F(fields[n]) if n < len(fields) else empty for n, column in enumerate(columns)}

    parts = [
        model.objects.order_by()
        .annotate(
            kind=Value(index),
            heading=F(title),
            anchor=F("slug") if "{}" in anchor else empty,
            **padded(shown_columns, shown),
            **padded(searched_columns, model.searched_fields),
        )
        .values_list("kind", "order", "pk", "heading", "anchor", *shown_columns, *searched_columns)
        for index, (model, title, anchor, _label, shown) in enumerate(PROGRESSION)
    ]
    entries = []
    for kind, _order, _pk, heading, slug, *texts in (
        parts[0].union(*parts[1:], all=True).order_by("kind", "order", "pk")
    ):
        _model, _title, anchor, label, shown = PROGRESSION[kind]
        hit = Hit(heading, f"{page}#{anchor.format(slug)}", label, tuple(texts[: len(shown)]))
        searched = texts[len(shown_columns) :]
        entries.append(Entry(hit, tuple(lowered(text) for text in searched if text)))
    return entries


def salary_sentence(salary, period):
    return _("平均月薪 %(salary)s 元/月（%(period)s入职平均薪酬）") % {"salary": salary, "period": period}


# Worded when it is shown, in the reader's interface language: the index it is kept in serves both.
salary_line = lazy(salary_sentence, str)


def city_entries():
    fields = ("pk", "city__slug", "city__region", "average_monthly", "dataset__as_of", *CitySalary.searched_fields)
    rows = list(CitySalary.objects.values(*fields))
    texts = searched_texts(rows, CitySalary.searched_fields)
    return [city_entry(row, texts[row["pk"]]) for row in rows]


def city_entry(row, texts):
    # Unsaved records made of the row, for the models' own link and labels.
    city = City(slug=row["city__slug"], province=row["city__province"], region=row["city__region"])
    dataset = SalaryDataset(as_of=row["dataset__as_of"])
    hit = Hit(
        row["city__name"],
        CitySalary(city=city).get_absolute_url(),
        f"{city.province} · {city.get_region_display()}",
        (salary_line(yuan(row["average_monthly"]), dataset.period),),
    )
    return Entry(hit, texts, city.region, lowered(row["city__name_traditional"]))


# Skills and stages (what people most often look for by name) first, then the rest in the order of the site's
# sections.
KINDS = (
    # Named by the query, then known by it as an alias, then only mentioning it.
    Kind(_("技能"), skill_entries, ranks=lambda hit: (hit.title, "\n".join(hit.aliases))),
    Kind(_("发展阶段"), stage_entries),
    Kind(
        _("职业概况"),
        partial(choice_entries, OverviewEntry, "home", "{}", "title", "section", ("body", "points")),
        OverviewEntry.Section.choices,
        ranks=lambda hit: (hit.title,),
    ),
    Kind(_("发展通道、挑战、建议与职业故事"), progression_entries),
    Kind(
        _("学习资源"),
        partial(choice_entries, Resource, "learning", "resource-{}", "name", "kind", ("description",)),
        Resource.Kind.choices,
    ),
    Kind(_("城市薪资"), city_entries, Region.choices),
)


@lru_cache(maxsize=1)
def read_index(version, prefix, urlconf):
    """Every kind's entries, read once per data version and kept per process: a new search then reads nothing
    but the version, and an edit moves the version, so no index outlives the data it was read from. One index at a
    time, like the assessment's catalog and the API's records: readers move on to a new version and never ask for
    the old one's again. The links are built for the script prefix and URL conf, which are part of the key too;
    what is worded in the interface language stays lazy, so one index serves both scripts."""
    return [kind.entries() for kind in KINDS]


def find(query, version=None):
    """[(heading, hits, hidden)] for every kind of content with a hit, in the order of KINDS.

    `hits` are the first SHOWN_PER_SECTION, `hidden` how many more there are.
    """
    terms = query.terms
    shown = []
    index = read_index(version or data_version(), get_script_prefix(), get_urlconf())
    for kind, entries in zip(KINDS, index, strict=True):
        hits = kind.found(entries, terms, query.typed)
        if kind.ranks:
            hits = ranked(hits, terms, names=kind.ranks)
        if hits:
            shown.append(
                (
                    kind.heading,
                    [
                        replace(hit, passage=excerpt(first_found(hit.texts, terms), terms))
                        for hit in hits[:SHOWN_PER_SECTION]
                    ],
                    len(hits[SHOWN_PER_SECTION:]),
                )
            )
    return shown


def suggestions():
    """Where to go when nothing matches: a word from each topic to search, and the sections that answer them."""
    links = list(dict.fromkeys(link for topic in topics() for link in topic.links))
    return {"words": [topic.words[0] for topic in topics()], "links": links}
