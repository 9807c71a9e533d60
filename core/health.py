"""/healthz: whether this app server can answer, for load balancers and orchestrators.

200 while the database answers, even when the cache does not: the site then serves every page uncached (slower,
still correct), and taking every app server out of rotation because the one shared Redis is down would turn a
slowdown into a full outage. The body says what is degraded, for monitoring. 503 when the database does not
answer: no page can be served without it.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.errors import service_unavailable


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers():
    # Only the fail-safe Redis backend can be down; local memory always answers.
    available = getattr(cache, "available", None)
    return available() if available else True


@never_cache
@require_safe
def healthz(request):
    if not database_answers():
        return service_unavailable(request)
    if not cache_answers():
        return JsonResponse({"status": "degraded", "database": "ok", "cache": "unavailable"})
    return JsonResponse({"status": "ok", "database": "ok", "cache": "ok"})
