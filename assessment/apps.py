from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The self-assessment: a person's own ratings against a target stage, as a page, a link and an API answer."""

    name = "assessment"
    verbose_name = "自我评估"
