from django import template

from core.chinese import display_html, wants_traditional

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


@register.inclusion_tag("includes/citations.html")
def citations(record):
    """The provenance of a record; the caller prefetches `citations__source`."""
    return {"citations": list(record.citations.all())}


@register.inclusion_tag("includes/citations.html")
def citations_of(records):
    """The provenance of a fact drawn from several records (the four stages as one path), each quote once."""
    seen, merged = set(), []
    for record in records:
        for citation in record.citations.all():
            if (citation.source_id, citation.quote) not in seen:
                seen.add((citation.source_id, citation.quote))
                merged.append(citation)
    return {"citations": merged}


@register.simple_tag(takes_context=True)
def nav_section(context):
    """Which top-level section the page belongs to, for aria-current in the navigation ("" on error pages)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return match.namespace or match.url_name or ""
