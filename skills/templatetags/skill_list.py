from functools import lru_cache

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.templatetags.guide import interface
from skills.models import Skill

register = template.Library()

ITEM = '\n    <li><a href="{}"><strong>{}</strong></a>\n      <span class="skill-summary">{}</span></li>\n    '


@register.simple_tag
def skill_items(skills):
    """The list page's line for each skill: its name linked to its page, and the start of its definition.

    Built in Python rather than by a loop in the template: the page shows every skill, and the loop with a
    reverse() and a truncation for each was a third of what the first reader after an edit paid."""
    shown_in = interface()
    return mark_safe("".join(item(skill.slug, skill.name, skill.definition, *shown_in) for skill in skills))


# Kept for all that the line is made of (the mark a truncation ends with is translated; the link is reversed
# against the script prefix and URLconf), so an edited skill is a new key and a line is never stale.
@lru_cache(maxsize=1024)
def item(slug, name, definition, *interface):
    return format_html(ITEM, Skill(slug=slug).get_absolute_url(), name, truncatechars(definition, 60))
