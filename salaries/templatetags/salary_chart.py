from django import template

from salaries.adjustment import whole

register = template.Library()


@register.inclusion_tag("salaries/includes/chart.html")
def salary_chart(rows, average, highlight=None, dataset=None, adjustment=None):
    """A horizontal bar chart, one row per city, the average as a dashed line; no script, no CDN.

    Names and amounts are HTML text in their own columns, so they keep the page's font size on any screen (an SVG
    scaled to a phone shrank them to 8.5 px) and the average line, drawn only across the bars, never crosses them.
    Each bar is a small SVG whose width is an attribute: the CSP allows no inline styles. Bar lengths are
    percentages of the widest value. With an `adjustment` (rows carrying `today`, see salaries.adjustment.attach),
    a thinner second bar under each shows the amount at today's prices, on the same scale.
    """
    rows = list(rows)
    today = adjustment is not None and bool(rows) and all(getattr(row, "today", None) for row in rows)
    values = [row.average_monthly for row in rows] + ([row.today.at_prices for row in rows] if today else [])
    highest = max([*values, average or 0, 1])

    def percent(amount):
        return round(100 * float(amount) / float(highest), 2)

    bars = [
        {
            "row": row,
            "width": percent(row.average_monthly),
            "today_width": percent(row.today.at_prices) if today else None,
            "highlight": highlight is not None and row.city_id == highlight,
        }
        for row in rows
    ]
    return {
        "bars": bars,
        "today": today,
        "adjustment": adjustment,
        "dataset": dataset,
        "average": average,
        "average_x": percent(average) if average else None,
        "height": 26 if today else 16,
    }


@register.filter
def yuan(value):
    """A yuan amount as a reader expects it: whole, with thousands separators (4841.5 → 4,842)."""
    if value in (None, ""):
        return ""
    return f"{whole(value):,}"


@register.filter
def versus(value, base):
    """A signed difference, with a real minus sign so it reads well next to a plus."""
    if base in (None, ""):
        return ""
    difference = whole(value) - whole(base)
    return f"+{yuan(difference)}" if difference > 0 else f"−{yuan(-difference)}" if difference < 0 else "±0"
