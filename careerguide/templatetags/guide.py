import re
from functools import cache

import opencc
from django import template
from django.utils import translation

register = template.Library()

TRADITIONAL = "zh-hant"
# A quote is shown exactly as its source published it, in whichever script the reader chose.
VERBATIM = re.compile(r"(<blockquote[^>]*\bdata-verbatim\b[^>]*>.*?</blockquote>)", re.DOTALL)


@cache
def converter():
    # Building an OpenCC converter loads its dictionaries (tens of milliseconds); converting is cheap.
    return opencc.OpenCC("s2tw")


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
    parts = VERBATIM.split(str(text))
    return "".join(part if index % 2 else converter().convert(part) for index, part in enumerate(parts))


@register.inclusion_tag("includes/citations.html")
def citations(record):
    """The provenance of a record; the caller prefetches `citations__source`."""
    return {"citations": list(record.citations.all())}


@register.inclusion_tag("includes/salary_chart.html")
def salary_chart(rows, average, highlight=None):
    """A horizontal bar chart as plain SVG (no script, no CDN), one bar per city, the average as a line.

    Geometry is computed here so the template only places rectangles; the viewBox keeps it responsive.
    """
    label_width, bar_area, row_height, top = 92, 300, 22, 26
    highest = max([row.average_monthly for row in rows] + [average or 0, 1])
    scale = bar_area / highest
    bars = [
        {
            "row": row,
            "y": top + index * row_height,
            "text_y": top + index * row_height + 15,
            "width": round(row.average_monthly * scale, 1),
            "value_x": label_width + round(row.average_monthly * scale, 1) + 4,
            "highlight": highlight is not None and row.city_id == highlight,
        }
        for index, row in enumerate(rows)
    ]
    height = top + len(rows) * row_height + 8
    return {
        "bars": bars,
        "average": average,
        "average_x": round(label_width + (average or 0) * scale, 1),
        "label_width": label_width,
        "label_x": label_width - 6,
        "height": height,
        "width": label_width + bar_area + 56,
        "bottom": height - 4,
    }


@register.filter
def versus(value, base):
    """A signed difference, with a real minus sign so it reads well next to a plus."""
    if base in (None, ""):
        return ""
    difference = int(value) - int(base)
    return f"+{difference}" if difference > 0 else f"−{-difference}" if difference < 0 else "±0"


@register.simple_tag(takes_context=True)
def nav_section(context):
    """Which top-level section the page belongs to, for aria-current in the navigation ("" on error pages)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return match.namespace or match.url_name or ""
