from django import template

register = template.Library()


@register.inclusion_tag("salaries/includes/chart.html")
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
