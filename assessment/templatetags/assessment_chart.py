from django import template

from assessment.report import HIGHEST, RATINGS

register = template.Library()


@register.inclusion_tag("assessment/gap_chart.html")
def gap_chart(requirements):
    """Current against required level per skill, as plain SVG: an outlined bar for the target, a filled one for you.

    Geometry is computed here so the template only places shapes; the viewBox keeps it responsive.
    """
    label_width, step, row_height, top = 120, 70, 30, 34
    bar_area = step * HIGHEST
    rows = [
        {
            "requirement": requirement,
            "y": top + index * row_height,
            "text_y": top + index * row_height + 16,
            "required_width": requirement.required * step,
            "current_width": requirement.current * step,
            "value_x": label_width + bar_area + 8,
        }
        for index, requirement in enumerate(requirements)
    ]
    height = top + len(rows) * row_height + 6
    return {
        "rows": rows,
        "grid": [{"x": label_width + value * step, "label": label} for value, label in RATINGS],
        "label_width": label_width,
        "label_x": label_width - 6,
        "height": height,
        "bottom": height - 4,
        "width": label_width + bar_area + 64,
    }
