from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from salaries.adjustment import whole
from salaries.models import Region

register = template.Library()


# The chart's bars and the table's rows are built here rather than by loops in the templates: at 36 cities those
# loops cost as much as the rest of the page (the same reason as for citations, core.templatetags.guide). The values
# are escaped with html.escape, which is what Django's escape does, and each chart or table is marked safe once:
# format_html's escaping of every value on its own cost as much again as the markup.
BAR = (
    '\n    <li class="bar-row{highlight}">\n      <span class="bar-label">{name}</span>\n'
    '      <svg class="bar-track" viewBox="0 0 100 {height}" preserveAspectRatio="none" aria-hidden="true"'
    ' focusable="false">\n'
    '        <rect x="0" y="0" width="{width}" height="16"></rect>\n'
    "        {today_bar}\n"
    "        {average_line}\n"
    "      </svg>\n"
    '      <span class="bar-value">{amount}{today_amount}</span>\n'
    "    </li>\n    "
)
TODAY_BAR = '<rect x="0" y="18" width="{}" height="8" class="bar-today"></rect>'
AVERAGE_LINE = (
    '<line x1="{x}" x2="{x}" y1="0" y2="{height}" class="average-line" vector-effect="non-scaling-stroke"></line>'
)
TODAY_AMOUNT = '<span class="bar-today-value"><span class="visually-hidden">{} </span>{}</span>'


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

    average_x = percent(average) if average else None
    height = 26 if today else 16
    line = AVERAGE_LINE.format(x=average_x, height=height) if average_x else ""
    label = escape(gettext("按 %(year)s 年物价折算") % {"year": adjustment.price_year}) if today else ""

    def bar(row):
        return BAR.format(
            highlight=" bar-highlight" if highlight is not None and row.city_id == highlight else "",
            name=escape(row.city.name),
            height=height,
            width=percent(row.average_monthly),
            today_bar=TODAY_BAR.format(percent(row.today.at_prices)) if today else "",
            average_line=line,
            amount=yuan(row.average_monthly),
            today_amount=TODAY_AMOUNT.format(label, yuan(row.today.at_prices)) if today else "",
        )

    return {
        "bars": mark_safe("".join(map(bar, rows))),
        "today": today,
        "adjustment": adjustment,
        "dataset": dataset,
        "average": average,
    }


# The salary table's rows (salaries/index.html).
ROW = (
    '\n        <tr data-name="{slug}" data-salary="{average}">\n'
    '          <th scope="row"><a href="{address}">{name}</a>{published}\n'
    '            <br><span class="muted table-note">{region}</span></th>\n'
    '          <td class="number">{amount}</td>\n'
    "          {today}\n"
    "        </tr>\n        "
)
PUBLISHED = ' <span class="muted table-note" lang="zh-Hant">{}</span>'
TODAY_CELLS = '\n          <td class="number">{}</td>\n          <td class="number">{}</td>\n          '
REGIONS = dict(Region.choices)
ADDRESS_MARKER = "city-slug"


@register.simple_tag
def salary_rows(rows, adjustment):
    """One table row per city: its name linked to its page (and 004's spelling where the reader sees another),
    region, the 2010 amount and, with an `adjustment`, its two amounts of today."""
    # One reverse() for every row's address: it costs as much as the rest of a row.
    before, after = reverse("salaries:city", args=[ADDRESS_MARKER]).rsplit(ADDRESS_MARKER, 1)

    def row_html(row):
        city = row.city
        published = city.published_name_if_different()
        return ROW.format(
            slug=escape(city.slug),
            average=row.average_monthly,
            address=escape(f"{before}{city.slug}{after}"),
            name=escape(city.name),
            published=PUBLISHED.format(escape(published)) if published else "",
            region=escape(REGIONS[city.region]),
            amount=yuan(row.average_monthly),
            today=TODAY_CELLS.format(yuan(row.today.at_prices), yuan(row.today.growth_estimate)) if adjustment else "",
        )

    return mark_safe("".join(map(row_html, rows)))


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
