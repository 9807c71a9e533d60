import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
application = get_asgi_application()

from careerguide.apps import require_secret_key  # noqa: E402  (needs the settings configured above)

require_secret_key()
