import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, terms):
    """`text` escaped, with every occurrence of a term wrapped in <mark>.

    The text is cut at the matches first and each piece escaped on its own, so a term can never match inside an
    entity (a search for "amp" does not break &amp;) and nothing the reader typed reaches the page unescaped.
    """
    text = str(text)
    terms = sorted({term for term in terms if term}, key=len, reverse=True)  # the longest match wins
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece above is escaped
