"""Whole-response caching of public reads (pages and API), keyed by the data version.

The content changes rarely and is read often, so an anonymous GET is answered from Django's cache (local memory,
or Redis when REDIS_URL is set) without touching the guide's tables. Nothing is ever invalidated explicitly:
every edit changes the data version (core.versioning), the version is part of every key, and entries of
older versions simply age out. Reading the version costs one primary-key query per request; that is what lets
every worker of every app server agree at once.

Never cached: anything but GET, the admin, requests carrying a session cookie or credentials, responses that
set a cookie or say private/no-store, and any status but 200.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject

from core.models import DataVersion

KEY_PREFIX = "careerguide:response"
# What the response depends on besides the URL: the language (cookie or header) and the negotiated format.
KEYED_HEADERS = ("Accept", "Accept-Language")
# Besides the admin: answers that must reflect this very moment and are never worth a cache lookup.
SKIP_PREFIXES = ("/healthz",)


def cache_seconds():
    return settings.RESPONSE_CACHE_SECONDS


class ResponseCacheMiddleware:
    """Placed right after LocaleMiddleware: it needs the request's language, and a hit skips the rest."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = SimpleLazyObject(lambda: reverse("admin:index"))

    def __call__(self, request):
        if not self.is_public(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                patch_cache_control(response, private=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.method == "HEAD" or not cache_seconds():
            return self.with_public_headers(request, self.get_response(request))

        key = self.key(request)
        stored = cache.get(key)
        if stored is not None:
            response = self.restore(stored)
            return get_conditional_response(request, etag=response["ETag"], response=response) or response

        response = self.get_response(request)
        if self.is_storable(request, response):
            response = self.with_public_headers(request, response)
            # Rendered once, stored with its final headers; the outer middleware adds per-request headers.
            cache.set(key, self.freeze(response), cache_seconds())
            return get_conditional_response(request, etag=response["ETag"], response=response) or response
        if request.method in ("GET", "HEAD") and response.cookies:
            patch_cache_control(response, private=True)
        return response

    def is_public(self, request):
        skipped = (str(self.admin_prefix), *getattr(settings, "RESPONSE_CACHE_SKIP_PREFIXES", SKIP_PREFIXES))
        if request.path.startswith(skipped):
            return False
        return settings.SESSION_COOKIE_NAME not in request.COOKIES and "Authorization" not in request.headers

    @staticmethod
    def key(request):
        parts = [request.build_absolute_uri(), getattr(request, "LANGUAGE_CODE", "")]
        parts += [request.headers.get(name, "") for name in KEYED_HEADERS]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
        return f"{KEY_PREFIX}:{DataVersion.current_token()}:{digest}"

    @staticmethod
    def freeze(response):
        # Only bytes and headers: pickling an API response whole would drag its serializer and model instances
        # along, and unpickling those costs more than rendering.
        return response.status_code, list(response.headers.items()), response.content

    @staticmethod
    def restore(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        return response

    @staticmethod
    def is_storable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        control = response.get("Cache-Control", "").lower()
        return "private" not in control and "no-store" not in control and "*" not in response.get("Vary", "")

    @staticmethod
    def with_public_headers(request, response):
        """Let browsers revalidate every time and a shared proxy keep the page for a few seconds."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control:
            return response
        options = {"public": True, "s_maxage": settings.PROXY_CACHE_SECONDS}
        if "max-age" not in control:
            options["max_age"] = 0
        patch_cache_control(response, **options)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response
