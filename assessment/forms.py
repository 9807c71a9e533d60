from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.report import NOT_YET, RATINGS, SKILL_PREFIX, Assessment

# Echoing what a tampered link contained helps the reader, but only a little of it.
SHOWN_UNKNOWN = 5
SHOWN_LENGTH = 40


def shorten(text):
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


class AssessmentForm(forms.Form):
    """The answers, read from the query string: a target stage and track, an optional city, one rating per skill.

    Skills are fields named `skill-<slug>` so that anything else a shared link picks up on the way (a chat app's
    tracking parameters) can be ignored, while a `skill-` name that matches no skill is reported.
    """

    stage = forms.ChoiceField(
        label=_("目标阶段"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择目标阶段。"),
            "invalid_choice": _("没有“%(value)s”这个阶段,请从列表中重新选择。"),
        },
    )
    track = forms.ChoiceField(
        label=_("发展通道"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择发展通道。"),
            "invalid_choice": _("没有“%(value)s”这个发展通道,请从列表中重新选择。"),
        },
    )
    city = forms.ChoiceField(
        label=_("城市(可选)"),
        required=False,
        error_messages={"invalid_choice": _("没有“%(value)s”这个城市的薪资数据,请从列表中重新选择。")},
    )

    def __init__(self, *args, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.fields["stage"].choices = [(stage.slug, f"{stage.name}({stage.phase})") for stage in catalog.stages]
        self.fields["track"].choices = [(track.slug, track.name) for track in catalog.tracks]
        self.fields["city"].choices = [("", _("不选城市"))] + [
            (salary.city.slug, salary.city.name) for salary in sorted(catalog.salaries, key=lambda s: s.city.slug)
        ]
        for skill in catalog.skills:
            self.fields[SKILL_PREFIX + skill.slug] = forms.TypedChoiceField(
                label=skill.name,
                choices=RATINGS,
                coerce=int,
                initial=NOT_YET,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("这项技能没有评分。"),
                    "invalid_choice": _("“%(value)s”不是有效的掌握程度,请在 尚未掌握 / 入门 / 熟练 / 精通 中选择。"),
                },
            )

    @classmethod
    def prefilled(cls, query, catalog):
        """The form page opened from a link: it fills in what the link has and points out what is wrong with it.

        A partial link (an old bookmark, or just ?stage=promotion) is a starting point, not a mistake: skills it
        leaves out start at 尚未掌握 and an unanswered stage or track is simply not asked about yet.
        """
        data = {SKILL_PREFIX + skill.slug: str(NOT_YET) for skill in catalog.skills}
        data.update((key, value) for key, value in query.items() if cls.is_answer(key))
        form = cls(data, catalog=catalog)
        for name, errors in list(form.errors.items()):
            if all(error.code == "required" for error in errors.as_data()):
                del form.errors[name]
        return form

    @staticmethod
    def is_answer(key):
        return key in ("stage", "track", "city") or key.startswith(SKILL_PREFIX)

    def skill_groups(self):
        """(category, bound fields) for the template, in the skill pages' order."""
        return [
            (category, [self[SKILL_PREFIX + skill.slug] for skill in skills])
            for category, skills in self.catalog.skill_groups()
        ]

    def error_links(self):
        """(element id, message) for each field with an error, for the summary above the form.

        Skills that were simply not rated are left out: the non-field message already counts and names them.
        """
        links = []
        for bound in self:
            if not bound.errors or (bound.name.startswith(SKILL_PREFIX) and not bound.value()):
                continue
            radios = isinstance(bound.field.widget, forms.RadioSelect)
            message = bound.errors[0]
            if bound.name.startswith(SKILL_PREFIX):
                message = f"{bound.label}:{message}"
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
            self.add_error(None, _("链接里有本站没有的技能:%(skills)s%(more)s。") % {"skills": shown, "more": more})
        unrated = [name for name in self.fields if name.startswith(SKILL_PREFIX) and not self.data.get(name)]
        if unrated:
            names = "、".join(str(self.fields[name].label) for name in unrated[:SHOWN_UNKNOWN])
            more = _(" 等") if len(unrated) > SHOWN_UNKNOWN else ""
            self.add_error(
                None,
                _("有 %(count)s 项技能没有评分(%(names)s%(more)s),链接可能不完整。")
                % {"count": len(unrated), "names": names, "more": more},
            )
        return cleaned

    def ratings(self):
        return {
            name[len(SKILL_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(SKILL_PREFIX)
        }

    def assessment(self):
        """The gap report for valid answers."""
        data = self.cleaned_data
        return Assessment.from_answers(
            self.catalog, stage=data["stage"], track=data["track"], ratings=self.ratings(), city=data.get("city")
        )
