from functools import lru_cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from assessment.forms import SKILL_PREFIX, rating_group
from skills.models import Skill

register = template.Library()

# Built in Python rather than by an included template: the full form shows one group of four radios per skill, and
# including a template per group was most of what the page cost.
OPTION = (
    '<label class="rating-option" for="{id}"><input type="radio" name="{name}" value="{value}" id="{id}"{checked}'
    '{invalid}><span class="option-label">{label}</span>{description}</label>'
)
DESCRIPTION = '<span class="option-description">{}</span>'
HEAD = (
    '<fieldset class="rating{error_class}" data-skill="{slug}" id="rate-{slug}"{described}>\n'
    "  <legend>{name}</legend>\n"
    "  {note}\n"
    '  <div class="rating-options{with_descriptions}">\n'
    "    "
)
TAIL = "\n  </div>\n  {error}\n</fieldset>\n"


@register.simple_tag
def rating(form, skill):
    """One skill's radio group on `form`.

    Without an error, the group is put together from pieces made once per process for what they show, since only
    which radio is checked differs from one request to the next.
    """
    if SKILL_PREFIX + skill.slug in form.errors:
        return mark_safe(render_group(form.rating_group(skill)))
    descriptions = tuple(form.catalog.level_descriptions(skill).items())
    head, options, tail = group_pieces(get_language(), skill.slug, skill.name, descriptions)
    raw = form.raw_rating(skill)
    return mark_safe(head + "".join(checked if raw == value else plain for value, plain, checked in options) + tail)


# Kept for what a group is made of (the language its labels are in, the skill's slug and name, what the source
# says each level means) rather than per catalog: after an edit the new catalog's groups are the old ones but for
# a skill that was edited, which is a new key, and the first reader would otherwise render all fifty again.
@lru_cache(maxsize=1024)
def group_pieces(language, slug, name, descriptions):
    return pieces(Skill(slug=slug, name=name), dict(descriptions))


def pieces(skill, descriptions):
    """(head, [(value, the radio, the radio checked)], tail) of a group without an error."""
    group = rating_group(skill, descriptions)
    options = [
        (str(option["value"]), render_option(group, option, False), render_option(group, option, True))
        for option in group["options"]
    ]
    return render_head(group), options, render_tail(group)


def render_group(group):
    options = "".join(render_option(group, option, option["checked"]) for option in group["options"])
    return render_head(group) + options + render_tail(group)


def render_head(group):
    error, note, slug = group["error"], group["note"], escape(group["skill"].slug)
    return HEAD.format(
        error_class=" has-error" if error else "",
        slug=slug,
        described=f' aria-describedby="{escape(group["id"])}_error"' if error else "",
        name=escape(group["skill"].name),
        note=f'<p class="level-note muted">{escape(note)}</p>' if note else "",
        with_descriptions="" if note else " with-descriptions",
    )


def render_option(group, option, checked):
    return OPTION.format(
        id=escape(option["id"]),
        name=escape(group["name"]),
        value=option["value"],
        checked=" checked" if checked else "",
        invalid=' aria-invalid="true"' if group["error"] else "",
        label=escape(option["label"]),
        description=DESCRIPTION.format(escape(option["description"])) if option["description"] else "",
    )


def render_tail(group):
    error = group["error"]
    return TAIL.format(
        error=f'<p class="field-error" id="{escape(group["id"])}_error">{escape(error)}</p>' if error else ""
    )


SELECT_OPTION = '\n  <option value="{}"{}>{}</option>\n'


@register.simple_tag
def city_select(group):
    """The city drop-down from AssessmentForm.choice_group, marked up as Django's Select widget does it."""
    name, identifier = escape(group["name"]), escape(group["id"])
    invalid = f' aria-invalid="true" aria-describedby="{identifier}_error"' if group["error"] else ""
    options = "".join(
        SELECT_OPTION.format(escape(option["value"]), " selected" if option["checked"] else "", escape(option["label"]))
        for option in group["options"]
    )
    return mark_safe(f'<select name="{name}"{invalid} id="{identifier}">{options}\n</select>')
