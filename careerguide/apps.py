from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CareerguideConfig(AppConfig):
    name = "careerguide"
    verbose_name = "客服职业导航"


def require_secret_key():
    """Refuse to serve without a secret key rather than fail on the first request that signs something."""
    try:
        settings.SECRET_KEY  # noqa: B018 (reading it is the check)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs SECRET_KEY in the environment "
            "(for local development set DEBUG=1 to use a throw-away key)."
        ) from None
