import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, terms):
    """`text` escaped, with every occurrence of a term wrapped in <mark>."""
    return marker(terms)(text)


def marker(terms):
    """highlight() for these terms, the pattern made once for every text of a search.

    A text is cut at the matches first and each piece escaped on its own, so a term can never match inside an
    entity (a search for "amp" does not break &amp;) and nothing the reader typed reaches the page unescaped.
    """
    terms = sorted({term for term in terms if term}, key=len, reverse=True)  # the longest match wins
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None

    def mark(text):
        text = str(text)
        if pattern is None:
            return escape(text)
        pieces, last = [], 0
        for match in pattern.finditer(text):
            pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
            last = match.end()
        pieces.append(escape(text[last:]))
        return mark_safe("".join(pieces))  # every piece above is escaped

    return mark


HIT = '\n    <li><a href="{}">{}</a> <span class="muted">{}</span>\n      {}\n      {}</li>\n    '
ALIASES = '<span class="muted">（{}）</span>'
PASSAGE = "<p>{}</p>"


@register.simple_tag
def search_hits(hits, terms):
    """A section's results, each its title linked, its note, its aliases and its passage, with the terms marked.

    Built in Python rather than by a loop in the template: every new search renders them, and a loop over every
    hit with its fields, filters and conditions was most of what a search cost once its results were found."""
    mark = marker(terms)
    return mark_safe("".join(hit_item(hit, mark) for hit in hits))  # format_html escaped every value


def hit_item(hit, mark):
    aliases = mark_safe("、".join(mark(alias) for alias in hit.aliases))
    return format_html(
        HIT,
        hit.url,
        mark(hit.title),
        mark(hit.note),
        format_html(ALIASES, aliases) if hit.aliases else "",
        format_html(PASSAGE, mark(hit.passage)) if hit.passage else "",
    )
