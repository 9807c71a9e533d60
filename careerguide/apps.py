from django.apps import AppConfig


class CareerguideConfig(AppConfig):
    name = "careerguide"
    verbose_name = "客服职业导航"

    def ready(self):
        from careerguide import versioning

        versioning.connect()
