import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
application = get_wsgi_application()

from careerguide.apps import require_secret_key  # noqa: E402  (needs the settings configured above)

require_secret_key()

# Loaded before gunicorn forks its workers (preload_app), so they share it rather than each loading its own copy:
# the guide's URL conf with every view and the API it imports, the cache backend with its client library (redis-py
# imports its asyncio and cluster clients too: ~5 MB), and the Simplified/Traditional dictionaries.
from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from core.chinese import load_converters  # noqa: E402
from core.versioning import code_version  # noqa: E402

# Reading the guide's URL conf imports every view the guide serves: that is the point. Not the admin's (core.urlconfs).
get_resolver(settings.GUIDE_URLCONF).url_patterns  # noqa: B018
caches["default"]  # imports the backend; it connects on first use, in the worker
load_converters()
code_version()
