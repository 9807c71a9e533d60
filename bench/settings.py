"""The production settings plus what only the benchmark needs: a floor URL, and no API rate limit.

The API's per-address rate limit would turn a load test from one address into 429s; it is a guard, not part of
what is being measured.
"""

from careerguide.settings import *  # noqa: F403

GUIDE_URLCONF = "bench.urls"  # the guide's URLs and the floor
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
RESPONSE_CACHE_SKIP_PREFIXES = ("/healthz", "/bench/")
