from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from assessment.report import HIGHEST, RATINGS, Status

register = template.Library()

# SVG units; on a 375-px phone the chart is drawn about 0.85 of them to a pixel, so 14 stays above 10 px.
FONT = 14
LINE = 17
LABEL_CHARACTERS = 7  # a label wraps after this many characters: "使用客服系统的能力" takes two lines
STEP = 60
BAR = 22
ROW_GAP = 10
# Interface text, each a single literal so that makemessages finds it.
TITLE = gettext_lazy("每项技能：当前程度与目标程度")
DESCRIPTION = gettext_lazy(
    "每项技能一行：空心条是目标程度，实心条是你现在的程度；右侧为“当前/目标”（0 尚未掌握，1 入门，2 熟练，3 精通）和结论（达到、部分、未达、未评）；来源未规定程度的技能没有空心条，目标记为“—”；没有评分的技能当前记为“—”。"
)
CAPTION = gettext_lazy("空心条：目标程度；实心条：你现在的程度（部分达到为斜线）。数字为“当前/目标”，后面的字是结论。")
TABLE_CAPTION = gettext_lazy("图中数字")
HEADINGS = (gettext_lazy("技能"), gettext_lazy("当前"), gettext_lazy("目标"), gettext_lazy("差几档"))
# Printed in black and white the bars alone cannot tell met from partly met: each row also says it in words.
STATUS_WORDS = {Status.MET: "达到", Status.PARTLY: "部分", Status.MISSING: "未达", Status.UNRATED: "未评"}


def width_of(text):
    """Rough width in SVG units: a Chinese character is one em, Latin letters and digits about half of one."""
    return sum(FONT if ord(character) > 0x2E80 else FONT * 0.6 for character in text)


def wrap(text, size=LABEL_CHARACTERS):
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


@register.simple_tag
def gap_chart(requirements):
    """Current against required level per skill, as plain SVG: an outlined bar for the target, a filled one for you,
    followed by the same numbers as a table.

    Geometry is computed here so the markup only places shapes; the viewBox keeps it responsive. Labels wrap
    instead of running off the left edge, and the label column is as wide as the widest line. Written in Python
    rather than a template: a template spent more on looking up each coordinate than on anything else.
    """
    return mark_safe(render_chart(chart_geometry(requirements)) + render_table(requirements))


def chart_geometry(requirements):
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


HATCH = (
    '<defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" class="hatch-ground"></rect><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"></line>'
    "</pattern></defs>"
)


def render_chart(chart):
    out = [
        '<figure class="chart gap-chart">\n'
        f'  <svg viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        'aria-labelledby="gap-chart-title gap-chart-desc" class="gap-svg">\n'
        f'    <title id="gap-chart-title">{escape(TITLE)}</title>\n'
        f'    <desc id="gap-chart-desc">{escape(DESCRIPTION)}</desc>\n'
        f"    {HATCH}\n    "
    ]
    for line in chart["grid"]:
        out.append(
            f'\n    <line x1="{line["x"]}" x2="{line["x"]}" y1="20" y2="{chart["bottom"]}" class="grid-line"></line>\n'
            f'    <text x="{line["x"]}" y="14" text-anchor="middle" class="grid-label">{escape(line["label"])}</text>\n    '
        )
    out.append("\n    ")
    label_x, label_width = chart["label_x"], chart["label_width"]
    for row in chart["rows"]:
        requirement = row["requirement"]
        tspans = "".join(
            f'<tspan x="{label_x}" y="{line["y"]}">{escape(line["text"])}</tspan>' for line in row["lines"]
        )
        required = (
            f'<rect x="{label_width}" y="{row["y"]}" width="{row["required_width"]}" height="22" rx="3" '
            'class="bar-required"></rect>'
            if requirement.level_given
            else ""
        )
        current = (
            f'<rect x="{label_width}" y="{row["y"] + 5}" width="{row["current_width"]}" height="12" rx="2" '
            'class="bar-current"></rect>'
            if row["current_width"]
            else ""
        )
        target = requirement.required if requirement.level_given else "—"
        out.append(
            f'\n    <g class="gap-row gap-{requirement.status.value}">\n'
            f'      <text text-anchor="end" class="bar-label">{tspans}</text>\n'
            f"      {required}\n"
            f"      {current}\n"
            f'      <text x="{chart["value_x"]}" y="{row["text_y"]}" class="bar-value">{row["value"]}/{target}</text>\n'
            f'      <text x="{chart["word_x"]}" y="{row["text_y"]}" class="bar-word">{escape(row["word"])}</text>\n'
            "    </g>\n    "
        )
    out.append(f"\n  </svg>\n  <figcaption>{escape(CAPTION)}</figcaption>\n</figure>\n")
    return "".join(out)


def render_table(requirements):
    headings = "".join(f'<th scope="col">{escape(text)}</th>' for text in HEADINGS)
    out = [
        '<table class="gap-table">\n'
        f"  <caption>{escape(TABLE_CAPTION)}</caption>\n"
        f"  <thead><tr>{headings}</tr></thead>\n"
        "  <tbody>\n    "
    ]
    for r in requirements:
        current = escape(r.current_label) + (f"（{r.current}）" if r.rated else "")
        required = escape(r.required_label) + (f"（{r.required}）" if r.level_given else "")
        distance = r.distance if r.rated else "—"
        out.append(
            f'\n    <tr><th scope="row">{escape(r.skill.name)}</th><td>{current}</td><td>{required}</td>'
            f"<td>{distance}</td></tr>\n    "
        )
    out.append("\n  </tbody>\n</table>\n")
    return "".join(out)
