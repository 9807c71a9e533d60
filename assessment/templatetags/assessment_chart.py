from django import template

from assessment.report import HIGHEST, RATINGS, Status

register = template.Library()

# SVG units; on a 375-px phone the chart is drawn about 0.85 of them to a pixel, so 14 stays above 10 px.
FONT = 14
LINE = 17
LABEL_CHARACTERS = 7  # a label wraps after this many characters: "使用客服系统的能力" takes two lines
STEP = 60
BAR = 22
ROW_GAP = 10
# Printed in black and white the bars alone cannot tell met from partly met: each row also says it in words.
STATUS_WORDS = {Status.MET: "达到", Status.PARTLY: "部分", Status.MISSING: "未达", Status.UNRATED: "未评"}


def width_of(text):
    """Rough width in SVG units: a Chinese character is one em, Latin letters and digits about half of one."""
    return sum(FONT if ord(character) > 0x2E80 else FONT * 0.6 for character in text)


def wrap(text, size=LABEL_CHARACTERS):
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


@register.inclusion_tag("assessment/gap_chart.html")
def gap_chart(requirements):
    """Current against required level per skill, as plain SVG: an outlined bar for the target, a filled one for you.

    Geometry is computed here so the template only places shapes; the viewBox keeps it responsive. Labels wrap
    instead of running off the left edge, and the label column is as wide as the widest line.
    """
    labels = [wrap(requirement.skill.name) for requirement in requirements]
    label_width = round(max([width_of(line) for lines in labels for line in lines] + [4 * FONT])) + 8
    bar_area = STEP * HIGHEST
    top = 30
    rows, y = [], top
    for requirement, lines in zip(requirements, labels, strict=True):
        height = max(BAR, len(lines) * LINE)
        bar_y = y + (height - BAR) // 2
        rows.append(
            {
                "requirement": requirement,
                "y": bar_y,
                "lines": [
                    {"text": line, "y": y + (height - len(lines) * LINE) // 2 + LINE * (i + 1) - 4}
                    for i, line in enumerate(lines)
                ],
                "text_y": bar_y + 16,
                "required_width": requirement.required * STEP,
                "current_width": (requirement.current or 0) * STEP,
                "value": "—" if requirement.current is None else requirement.current,
                "word": STATUS_WORDS[requirement.status],
            }
        )
        y += height + ROW_GAP
    height = y + 4
    value_x = label_width + bar_area + 8
    return {
        "rows": rows,
        "grid": [{"x": label_width + value * STEP, "label": label} for value, label in RATINGS],
        "label_width": label_width,
        "label_x": label_width - 6,
        "value_x": value_x,
        "word_x": value_x + round(width_of("0/0")) + 6,
        "height": height,
        "bottom": height - 4,
        "width": value_x + round(width_of("0/0")) + 6 + 2 * FONT + 4,
    }
