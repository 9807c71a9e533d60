from django.apps import AppConfig

from core import xlsx

# Before any app is ready: the admin's autodiscovery (the first app's ready()) imports django-import-export.
xlsx.defer()


class CoreConfig(AppConfig):
    """Shared infrastructure below every domain app: data version, response cache, middleware, error pages,
    Simplified/Traditional conversion, API plumbing and the seed loader. It imports no domain app."""

    name = "core"
    verbose_name = "基础设施"

    def ready(self):
        from django.conf import settings

        from core import versioning

        versioning.connect()
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
            from core import dbtimeout

            dbtimeout.install(settings.DATABASE_CLIENT_TIMEOUT)
