from functools import lru_cache

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.report import RATINGS, SKILL_PREFIX, VERSION_PARAMETER, Assessment

# Echoing what a tampered link contained helps the reader, but only a little of it.
SHOWN_UNKNOWN = 5
SHOWN_LENGTH = 40
# Skills rated on one page of the stage-first flow: a phone screen or two, as job-matching tools page theirs.
STEP_SIZE = 4
GOAL_STEP = 1
NO_LEVEL_NOTE = _("来源没有说明这项技能各程度的含义。")


def shorten(text):
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def goal_choices(catalog):
    return {
        "stage": [(stage.slug, f"{stage.name}（{stage.phase}）") for stage in catalog.stages],
        "track": [(track.slug, track.name) for track in catalog.tracks],
        "city": [("", _("不选城市"))]
        + [(salary.city.slug, salary.city.name) for salary in sorted(catalog.salaries, key=lambda s: s.city.slug)],
    }


def rating_fields(catalog):
    """A field per skill, shared by every form: validating does not change a field, and the forms never render
    their widgets (the templates render plain data)."""
    return {SKILL_PREFIX + skill.slug: rating_field(skill.name) for skill in catalog.skills}


# A field is made of its label and nothing else that an edit can change, so it outlives the catalog: after an edit
# the first reader would otherwise build fifty fields again.
@lru_cache(maxsize=1024)
def rating_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("“%(value)s”不是有效的掌握程度，请在 尚未掌握 / 入门 / 熟练 / 精通 中选择。"),
        },
    )


def rating_group(skill, descriptions, raw="", error=""):
    """One skill's radio group as plain data, with what the source says each level means (`descriptions`): the
    radio whose value is `raw` is checked."""
    name = SKILL_PREFIX + skill.slug
    return {
        "name": name,
        "id": f"id_{name}",
        "skill": skill,
        "error": error,
        "note": "" if descriptions else NO_LEVEL_NOTE,
        "options": [
            {
                "value": value,
                "label": label,
                "id": f"id_{name}_{index}",
                "checked": raw == str(value),
                "description": descriptions.get(value, ""),
            }
            for index, (value, label) in enumerate(RATINGS)
        ],
    }


class AssessmentForm(forms.Form):
    """The answers, read from the query string: a target stage and track, an optional city, a rating per skill
    the person chose to rate, and the data version the plan is made with.

    Skills are fields named `skill-<slug>` so that anything else a shared link picks up on the way (a chat app's
    tracking parameters) can be ignored, while a `skill-` name that matches no skill is reported. A skill left
    out is unrated ("未评"), never preset to an answer.
    """

    stage = forms.ChoiceField(
        label=_("目标阶段"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择目标阶段。"),
            "invalid_choice": _("没有“%(value)s”这个阶段，请从列表中重新选择。"),
        },
    )
    track = forms.ChoiceField(
        label=_("发展通道"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择发展通道。"),
            "invalid_choice": _("没有“%(value)s”这个发展通道，请从列表中重新选择。"),
        },
    )
    city = forms.ChoiceField(
        label=_("城市（可选）"),
        required=False,
        error_messages={"invalid_choice": _("没有“%(value)s”这个城市的薪资数据，请从列表中重新选择。")},
    )
    # Not checked against the current version: an old plan's link is valid, the result says what changed since.
    v = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    step = forms.IntegerField(
        required=False,
        min_value=GOAL_STEP,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("步骤必须是数字，已回到第一步评分。"),
            "min_value": _("没有这一步，已回到第一步评分。"),
        },
    )

    def __init__(self, *args, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        for name, choices in catalog.derived("goal choices", lambda: goal_choices(catalog)).items():
            self.fields[name].choices = choices
        # A fresh form is the goal step: it asks no skill, so it neither reads nor builds them.
        if self.is_bound:
            self.fields.update(catalog.derived("rating fields", lambda: rating_fields(catalog)))

    @classmethod
    def prefilled(cls, query, catalog):
        """The form opened from a link: it fills in what the link has and points out what is wrong with it.

        A partial link (an old bookmark, or just ?stage=promotion) is a starting point, not a mistake: an
        unanswered stage or track is simply not asked about yet.
        """
        kept = {key: value for key, value in query.items() if cls.is_answer(key) or key == "step"}
        form = cls(kept, catalog=catalog)
        for name, errors in list(form.errors.items()):
            if all(error.code == "required" for error in errors.as_data()):
                del form.errors[name]
        return form

    @staticmethod
    def is_answer(key):
        return key in ("stage", "track", "city", VERSION_PARAMETER) or key.startswith(SKILL_PREFIX)

    def has_goal(self):
        return all(self.cleaned_data.get(name) for name in ("stage", "track")) and not (
            self.has_error("stage") or self.has_error("track") or self.has_error("city")
        )

    def skill_errors(self):
        return [name for name in self.errors if name.startswith(SKILL_PREFIX)]

    def error_links(self):
        """(element id, message) for each field with an error, for the summary above the form."""
        links = []
        for name, errors in self.errors.items():
            if name == "__all__" or name not in self.fields:
                continue
            bound = self[name]
            message = errors[0]
            if name.startswith(SKILL_PREFIX):
                message = f"{bound.label}：{message}"
            radios = name.startswith(SKILL_PREFIX) or name in ("stage", "track")
            links.append((f"{bound.auto_id}_0" if radios else bound.auto_id, message))
        return links

    def unknown_skills(self):
        if not self.is_bound:
            return []
        return [
            key[len(SKILL_PREFIX) :]
            for key in self.data
            if key.startswith(SKILL_PREFIX) and key[len(SKILL_PREFIX) :] not in self.catalog.skills_by_slug
        ]

    def clean(self):
        cleaned = super().clean()
        unknown = self.unknown_skills()
        if unknown:
            shown = "、".join(shorten(slug) for slug in unknown[:SHOWN_UNKNOWN])
            more = _(" 等 %(count)s 项") % {"count": len(unknown)} if len(unknown) > SHOWN_UNKNOWN else ""
            self.add_error(None, _("链接里有本站没有的技能：%(skills)s%(more)s。") % {"skills": shown, "more": more})
        return cleaned

    def ratings(self):
        """Skill slug → rating for the skills that have a valid rating (unrated ones are left out)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name[len(SKILL_PREFIX) :]: value
            for name, value in cleaned.items()
            if name.startswith(SKILL_PREFIX) and value is not None
        }

    def version(self):
        return self.cleaned_data.get("v") or ""

    def assessment(self):
        """The gap report for answers whose goal is valid."""
        data = self.cleaned_data
        return Assessment.from_answers(
            self.catalog, stage=data["stage"], track=data["track"], ratings=self.ratings(), city=data.get("city")
        )

    # Plain data for the templates: one skill's radio group is a loop over four dicts, not four widget templates.

    def choice_group(self, name):
        """A goal field (stage, track, city) as plain data: its choices marked as its widget would mark them."""
        bound = self[name]
        value = bound.value()
        chosen = "" if value is None else str(value)
        errors = bound.errors
        return {
            "name": name,
            "id": bound.auto_id,
            "label": bound.label,
            "error": errors[0] if errors else "",
            "options": [
                {
                    "value": str(choice),
                    "label": label,
                    "id": f"{bound.auto_id}_{index}",
                    "checked": str(choice) == chosen,
                }
                for index, (choice, label) in enumerate(self.fields[name].choices)
            ],
        }

    def goal_groups(self):
        return {name: self.choice_group(name) for name in ("stage", "track", "city")}

    def raw_rating(self, skill):
        """What the link says for a skill, as typed ("" when it says nothing)."""
        return str(self.data.get(SKILL_PREFIX + skill.slug, "")) if self.is_bound else ""

    def rating_group(self, skill):
        errors = self.errors.get(SKILL_PREFIX + skill.slug)
        return rating_group(
            skill,
            self.catalog.level_descriptions(skill),
            raw="" if errors else self.raw_rating(skill),
            error=errors[0] if errors else "",
        )

    def kept_answers(self, shown=()):
        """(name, value) of the valid answers a page carries in hidden fields, leaving out the skills it shows."""
        cleaned = getattr(self, "cleaned_data", {})
        shown = {skill.slug for skill in shown}
        pairs = [(name, cleaned[name]) for name in ("stage", "track", "city", "v") if cleaned.get(name)]
        pairs += [(SKILL_PREFIX + slug, value) for slug, value in self.ratings().items() if slug not in shown]
        return pairs


class Steps:
    """The stage-first flow: step 1 chooses the goal, each later step rates STEP_SIZE of the skills it needs."""

    def __init__(self, form):
        self.form = form
        self.assessment = form.assessment()
        self.skills = self.assessment.needed_skills()
        self.pages = [self.skills[i : i + STEP_SIZE] for i in range(0, len(self.skills), STEP_SIZE)] or [[]]
        self.total = GOAL_STEP + len(self.pages)

    def number(self):
        """The step asked for: the step holding the first wrong rating, else the link's step, else the first."""
        for name in self.form.skill_errors():
            for index, page in enumerate(self.pages):
                if any(SKILL_PREFIX + skill.slug == name for skill in page):
                    return GOAL_STEP + 1 + index
        asked = self.form.cleaned_data.get("step")
        if asked and asked > self.total:
            self.form.add_error("step", _("没有这一步，已回到第一步评分。"))
            asked = None
        return asked or GOAL_STEP + 1

    def page(self, number):
        return self.pages[number - GOAL_STEP - 1]

    def rated(self):
        return sum(self.assessment.is_rated(skill) for skill in self.skills)

    def holds_every_error(self):
        """Whether every wrong rating is on some step (a wrong rating of a skill outside them needs the full form)."""
        on_steps = {SKILL_PREFIX + skill.slug for skill in self.skills}
        return all(name in on_steps for name in self.form.skill_errors())
