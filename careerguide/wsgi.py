import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
application = get_wsgi_application()

from careerguide.apps import require_secret_key  # noqa: E402  (needs the settings configured above)

require_secret_key()

# Loaded before gunicorn forks its workers (preload_app), so they share it rather than each loading its own copy:
# the URL conf with every view, the admin and the API it imports, and the Simplified/Traditional dictionaries.
from django.urls import get_resolver  # noqa: E402

from core.chinese import load_converters  # noqa: E402
from core.versioning import code_version  # noqa: E402

get_resolver().url_patterns  # noqa: B018 (reading it imports every view: that is the point)
load_converters()
code_version()
