from functools import lru_cache

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.chinese import display_html, wants_traditional
from core.fragments import render_fragment, render_shown

register = template.Library()


@register.filter(is_safe=True)
def zh(text):
    """Chinese as the reader sees it: full-width punctuation, and Taiwan Traditional script for 繁體 readers.

    Used as `{% filter zh %}` around the page in base.html so every piece of content and interface text is
    shown this way, not just the fields someone remembered to mark. Only CJK characters and the punctuation
    beside them change, so markup and escaping survive, and safe strings stay safe. Source quotes
    (data-verbatim) are left as published.
    """
    if not text:
        return text
    return display_html(str(text), traditional=wants_traditional())


class ShownNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return render_shown(self.nodelist, context)


@register.tag
def zh_shown(parser, token):
    """`{% zh_shown %}…{% endzh_shown %}`: what the `zh` filter does, for a whole page with `{% fragment %}`s in it.

    base.html wraps the page in it; a fragment inside is stored already shown, and not converted again.
    """
    nodelist = parser.parse(("endzh_shown",))
    parser.delete_first_token()
    return ShownNode(nodelist)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, by_content=False):
        self.nodelist, self.name, self.vary, self.by_content = nodelist, name, vary, by_content

    def render(self, context):
        # The page's own template is part of the key: a fragment of base.html holds blocks a page may override.
        vary = [context.template.name, *(value.resolve(context) for value in self.vary)]
        return render_fragment(self.nodelist, context, self.name, vary, by_content=self.by_content)


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value… %}…{% endfragment %}`: rendered once per data version, script and values
    (core.fragments). Everything inside must follow from the guide's data and the values named: never a form's
    input, a CSRF token or the reader's own answers unless they are among the values."""
    name, *vary = token.split_contents()[1:]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(name).resolve({}), [parser.compile_filter(v) for v in vary])


@register.tag
def content_fragment(parser, token):
    """`{% content_fragment "name" content %}…{% endcontent_fragment %}`: a `{% fragment %}` kept across data
    versions, for what it shows. `content` must hold every value the fragment shows (a tuple, whose text form
    tells its parts apart); anything left out would stay stale after an edit of it."""
    name, content = token.split_contents()[1:]
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    name = parser.compile_filter(name).resolve({})
    return FragmentNode(nodelist, name, [parser.compile_filter(content)], by_content=True)


@register.simple_tag
def citations(record):
    """The provenance of a record; the caller prefetches its citations with their sources (`with_sources()`)."""
    return render_citations(list(record.citations.all()))


@register.simple_tag
def citations_of(records):
    """The provenance of a fact drawn from several records (the four stages as one path), each quote once."""
    seen, merged = set(), []
    for record in records:
        for citation in record.citations.all():
            if (citation.source_id, citation.quote) not in seen:
                seen.add((citation.source_id, citation.quote))
                merged.append(citation)
    return render_citations(merged)


# Built in Python rather than by an included template: most pages show dozens of these lists, and rendering a
# template per list was a third of the home page's cost.
CITATION = '<li><a href="{}">{} {}</a>\n      {}\n      <blockquote lang="{}" data-verbatim>{}</blockquote></li>'


def render_citations(citations):
    if not citations:
        return ""
    return _rendered_citations(tuple(map(_citation_inputs, citations)), *interface())


def interface():
    """What else a piece of markup depends on: the language of its interface text, and what links are reversed
    against."""
    return get_language(), get_script_prefix(), get_urlconf()


def _citation_inputs(citation):
    source = citation.source
    return source.slug, source.title, source.published_on, source.language, citation.quote


# The first reader after an edit renders every list again, though an edit changes few of them. The key holds all
# that a list's markup is made of (each citation's source and quote, the language of the interface text, what the
# links are reversed against), so an entry cannot go stale: edited text is a new key. Bounded like
# core.chinese's memos; the whole guide has a few hundred distinct lists.
@lru_cache(maxsize=1024)
def _rendered_citations(inputs, language, script_prefix, urlconf):
    items = format_html_join(
        "\n",
        CITATION,
        (
            (
                reverse("source", args=[slug]),
                slug,
                title,
                source_date(published_on),
                source_language,
                linebreaksbr(quote, autoescape=True),
            )
            for slug, title, published_on, source_language, quote in inputs
        ),
    )
    summary = format_html("{}({})", gettext("出处"), len(inputs))
    return format_html(
        '<details class="citations">\n  <summary>{}</summary>\n  <ul>\n{}\n  </ul>\n</details>', summary, items
    )


def source_date(published_on):
    """The date a seeded record carries: its source's, never the day it was loaded (as includes/source_date.html)."""
    if published_on:
        text = gettext("(%(date)s)") % {"date": published_on.strftime("%Y-%m-%d")}
    else:
        text = gettext("（来源未注明日期）")
    return format_html('<span class="muted source-date">{}</span>', text)


# The overview's cards, built in Python like the citations: the home page shows about fifty, and an included
# template with its loops, conditions and lookups for each was most of what its first read after an edit cost.
CARD = (
    '\n  <li class="card" id="{}">\n    <h{} class="card-title">{}</h{}>\n    {}\n    {}\n    {}\n    {}\n  </li>\n  '
)


@register.simple_tag
def entries(records, level=3, compact=False, wide=False):
    """Overview entries as a list of cards, each with its citations (`with_citations`)."""
    classes = "cards" + (" cards-compact" if compact else "") + (" cards-wide" if wide else "")
    cards = mark_safe("".join(card(entry, level) for entry in records))
    return format_html('<ul class="{}">\n  {}\n</ul>\n', classes, cards)


def card(entry, level):
    skill = entry.skill
    link = (skill.get_absolute_url(), skill.name) if skill else None
    cited = tuple(map(_citation_inputs, entry.citations.all()))
    return _card(entry.slug, level, entry.title, entry.body, tuple(entry.point_list()), link, cited, *interface())


# Like the lists of citations, a card is kept for everything its markup is made of, so that after an edit only the
# cards of an edited entry are built again, and none can be stale.
@lru_cache(maxsize=512)
def _card(slug, level, title, body, points, link, cited, *interface):
    if body:
        body = format_html("<p>{}</p>", linebreaksbr(body, autoescape=True))
    if points:
        items = format_html_join("", "<li>{}</li>", ((point,) for point in points))
        points = format_html('\n    <ul class="points">{}</ul>\n    ', items)
    if link:
        link = format_html('<p class="card-link"><a href="{}">→ {}</a></p>', *link)
    cited = _rendered_citations(cited, *interface) if cited else ""
    return format_html(CARD, slug, level, title, level, body, points or "", link or "", cited)


@register.simple_tag
def requirement_level(requirement):
    """A requirement's target level, marked where it is the site's reading of the source. A tag rather than an
    included template: the stage pages and the path show one for each of dozens of requirements."""
    if not requirement.level:
        badge = format_html('<span class="level-badge level-unstated">{}</span>', gettext("来源未规定程度"))
    else:
        badge = format_html(
            '<span class="level-badge level-{}">{}</span>', requirement.level, requirement.get_level_display()
        )
        if requirement.is_site_reading:
            badge += format_html(
                ' <span class="level-reading">{}:{}</span>', gettext("本站解读"), requirement.level_note
            )
    # The newline the included template ended with, which the markup around it kept.
    return format_html("{}\n", badge)


@register.simple_tag(takes_context=True)
def nav_section(context):
    """Which top-level section the page belongs to, for aria-current in the navigation ("" on error pages)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return match.namespace or match.url_name or ""
