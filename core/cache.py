"""Whole-response caching of public reads (pages and API), keyed by the data version.

The content changes rarely and is read often, so an anonymous GET is answered from Django's cache (local memory,
or Redis when REDIS_URL is set) without touching the guide's tables. Nothing is ever invalidated explicitly:
every edit changes the data version (core.versioning), the version is part of every key, and entries of
older versions simply age out. So is a digest of the code: after a deploy that changes a template, no page the
old code rendered is served. Reading the version costs one primary-key query per request; that is what lets
every worker of every app server agree at once.

Never cached: anything but GET and HEAD (a HEAD is answered from the GET's entry, without the body), the admin,
requests carrying a session cookie or credentials, responses that set a cookie or say private/no-store, any status
but 200, and requests with a query parameter the page does not read.

Query parameters: only those a page understands may make a key (`accepted_parameters`), otherwise `/?cb=1`,
`/?cb=2`, … would each store a copy of the home page, without bound. A request carrying any other parameter is
served but neither looked up nor stored. (Storing it under the key without the parameter would be faster for
tracking links, but would serve a wrong page the day a view starts reading a parameter nobody declared here; not
storing it can only cost time.) A page declares its parameters with `@cache_parameters(...)`; an API view's are
derived from its FilterSet and pagination, plus `lang`.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from core.urlconfs import is_admin
from core.versioning import code_version, data_version

KEY_PREFIX = "careerguide:response"
# What the response depends on besides the URL: the language (cookie or header) and the negotiated format.
KEYED_HEADERS = ("Accept",)
# Besides the admin: answers that must reflect this very moment and are never worth a cache lookup.
SKIP_PREFIXES = ("/healthz",)


def cache_seconds():
    return settings.RESPONSE_CACHE_SECONDS


def cache_parameters(*names):
    """Declare, on a page's view, the query parameters it reads: only these may make a response-cache key."""

    def declare(view):
        view.cache_parameters = frozenset(names)
        return view

    return declare


@functools.lru_cache(maxsize=256)
def view_parameters(view):
    """The parameters a view reads: declared with @cache_parameters, or for an API view derived from its class."""
    declared = getattr(view, "cache_parameters", None)
    if declared is not None:
        return declared
    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if view_class is None:
        return frozenset()
    names = set(getattr(view_class, "cache_parameters", ()))
    filterset = getattr(view_class, "filterset_class", None)
    if filterset is not None:
        names |= set(filterset.base_filters)
    pagination = getattr(view_class, "pagination_class", None)
    if pagination is not None:
        names |= {pagination.page_query_param, getattr(pagination, "page_size_query_param", None)} - {None}
    return frozenset(names)


def accepted_parameters(request):
    """Whether every query parameter of the request is one its page reads."""
    if not request.GET:
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return set(request.GET) <= view_parameters(match.func)


class ResponseCacheMiddleware:
    """Placed right after LocaleMiddleware: it needs the request's language, and a hit skips the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_public(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                patch_cache_control(response, private=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not cache_seconds() or not accepted_parameters(request):
            return self.with_public_headers(request, self.get_response(request))

        key = self.key(request)
        stored = cache.get(key)
        if stored is not None:
            response = self.restore(stored, head=request.method == "HEAD")
            return get_conditional_response(request, etag=response["ETag"], response=response) or response

        response = self.get_response(request)
        if self.is_storable(request, response):
            response = self.with_public_headers(request, response)
            # Rendered once, stored with its final headers; the outer middleware adds per-request headers.
            # A HEAD is rendered as the GET would be (Django and DRF answer it with the body), so it fills the
            # GET's entry too.
            cache.set(key, self.freeze(response), cache_seconds())
            return get_conditional_response(request, etag=response["ETag"], response=response) or response
        if request.method in ("GET", "HEAD") and response.cookies:
            patch_cache_control(response, private=True)
        return response

    def is_public(self, request):
        skipped = getattr(settings, "RESPONSE_CACHE_SKIP_PREFIXES", SKIP_PREFIXES)
        if request.path.startswith(skipped) or is_admin(request):
            return False
        return settings.SESSION_COOKIE_NAME not in request.COOKIES and "Authorization" not in request.headers

    @staticmethod
    def key(request):
        # The language as resolved (for pages by LocaleMiddleware, for the API from the header the same way), not
        # the raw Accept-Language header: endless spellings of it would each make a key.
        from core.api.base import header_language

        parts = [request.build_absolute_uri(), getattr(request, "LANGUAGE_CODE", ""), header_language(request)]
        parts += [request.headers.get(name, "") for name in KEYED_HEADERS]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
        return f"{KEY_PREFIX}:{code_version()}:{data_version(request)}:{digest}"

    @staticmethod
    def freeze(response):
        # Only bytes and headers: pickling an API response whole would drag its serializer and model instances
        # along, and unpickling those costs more than rendering.
        return response.status_code, list(response.headers.items()), response.content

    @staticmethod
    def restore(stored, head=False):
        status, headers, content = stored
        response = HttpResponse(b"" if head else content, status=status)
        for name, value in headers:
            response.headers[name] = value
        if head:
            response["Content-Length"] = len(content)  # what the GET would send
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
