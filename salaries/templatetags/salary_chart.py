from django import template

from salaries.adjustment import whole

register = template.Library()

BAR, TODAY_BAR = 16, 9


@register.inclusion_tag("salaries/includes/chart.html")
def salary_chart(rows, average, highlight=None, dataset=None, adjustment=None):
    """A horizontal bar chart as plain SVG (no script, no CDN), one bar per city, the average as a line.

    With an `adjustment` (and rows carrying `today`, see salaries.adjustment.attach), a thinner second bar under each shows the
    amount at today's prices, on the same scale. Geometry is computed here so the template only places
    rectangles; the viewBox keeps it responsive.
    """
    rows = list(rows)
    today = adjustment is not None and bool(rows) and all(getattr(row, "today", None) for row in rows)
    label_width, bar_area, top = 92, 300, 26
    row_height = 22 + (TODAY_BAR + 2 if today else 0)
    values = [row.average_monthly for row in rows] + ([row.today.at_prices for row in rows] if today else [])
    highest = max([*values, average or 0, 1])
    scale = bar_area / highest

    def width(amount):
        return round(amount * scale, 1)

    bars = []
    for index, row in enumerate(rows):
        y = top + index * row_height
        bar = {
            "row": row,
            "y": y,
            "text_y": y + 13,
            "width": width(row.average_monthly),
            "value_x": label_width + width(row.average_monthly) + 4,
            "highlight": highlight is not None and row.city_id == highlight,
        }
        if today:
            bar.update(
                today_y=y + BAR + 1,
                today_text_y=y + BAR + TODAY_BAR,
                today_width=width(row.today.at_prices),
                today_value_x=label_width + width(row.today.at_prices) + 4,
            )
        bars.append(bar)
    height = top + len(rows) * row_height + 8
    return {
        "bars": bars,
        "today": today,
        "adjustment": adjustment,
        "dataset": dataset,
        "average": average,
        "average_x": round(label_width + (average or 0) * scale, 1),
        "label_width": label_width,
        "label_x": label_width - 6,
        "height": height,
        "width": label_width + bar_area + 56,
        "bottom": height - 4,
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
