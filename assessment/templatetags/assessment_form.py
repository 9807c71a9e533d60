from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Built in Python rather than by an included template: the full form shows one group of four radios per skill, and
# including a template per group was most of what the page cost.
OPTION = (
    '<label class="rating-option" for="{id}"><input type="radio" name="{name}" value="{value}" id="{id}"{checked}'
    '{invalid}><span class="option-label">{label}</span>{description}</label>'
)
DESCRIPTION = '<span class="option-description">{}</span>'
GROUP = (
    '<fieldset class="rating{error_class}" data-skill="{slug}" id="rate-{slug}"{described}>\n'
    "  <legend>{name}</legend>\n"
    "  {note}\n"
    '  <div class="rating-options{with_descriptions}">\n'
    "    {options}\n"
    "  </div>\n"
    "  {error}\n"
    "</fieldset>\n"
)


@register.simple_tag
def rating(group):
    """One skill's radio group from the plain data of AssessmentForm.rating_group."""
    name, error, note = escape(group["name"]), group["error"], group["note"]
    invalid = ' aria-invalid="true"' if error else ""
    options = "".join(
        OPTION.format(
            id=escape(option["id"]),
            name=name,
            value=option["value"],
            checked=" checked" if option["checked"] else "",
            invalid=invalid,
            label=escape(option["label"]),
            description=DESCRIPTION.format(escape(option["description"])) if option["description"] else "",
        )
        for option in group["options"]
    )
    skill = group["skill"]
    return mark_safe(
        GROUP.format(
            error_class=" has-error" if error else "",
            slug=escape(skill.slug),
            described=f' aria-describedby="{escape(group["id"])}_error"' if error else "",
            name=escape(skill.name),
            note=f'<p class="level-note muted">{escape(note)}</p>' if note else "",
            with_descriptions="" if note else " with-descriptions",
            options=options,
            error=f'<p class="field-error" id="{escape(group["id"])}_error">{escape(error)}</p>' if error else "",
        )
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
