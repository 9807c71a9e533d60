from django import template
from django.utils import translation

from core.chinese import TRADITIONAL, traditional_html

register = template.Library()


def wants_traditional():
    return (translation.get_language() or "").lower() == TRADITIONAL


@register.filter(is_safe=True)
def zh(text):
    """Content is stored in Simplified Chinese; a reader who chose 繁體 sees it converted.

    Used as `{% filter zh %}` around the page body in base.html so every piece of content is converted,
    not just the fields someone remembered to mark. Conversion touches only CJK characters, so markup
    and escaping survive, and safe strings stay safe. Source quotes (data-verbatim) are left as published.
    """
    if not text or not wants_traditional():
        return text
    return traditional_html(str(text))


@register.inclusion_tag("includes/citations.html")
def citations(record):
    """The provenance of a record; the caller prefetches `citations__source`."""
    return {"citations": list(record.citations.all())}


@register.simple_tag(takes_context=True)
def nav_section(context):
    """Which top-level section the page belongs to, for aria-current in the navigation ("" on error pages)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return match.namespace or match.url_name or ""
