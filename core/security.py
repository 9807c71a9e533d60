"""Security glue: the Content-Security-Policy per response and django-axes hooks that keep personal data out of logs."""

import ipaddress
import json

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.urls import Resolver404, resolve
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from core.errors import error_page
from core.validators import invisible_characters

# Swagger UI's page carries an inline <style> block (and Swagger UI sets styles at run time). Only the
# documentation page gets this allowance; scripts stay 'self' everywhere, the docs' start-up script included.
API_DOCS_ALLOWANCES = {"style-src": ["'unsafe-inline'"]}


def is_api_docs(request):
    from drf_spectacular.views import SpectacularSwaggerView

    # A response from the response cache never reached URL resolution, so resolve here when needed.
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    view_class = getattr(match.func, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, SpectacularSwaggerView)


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_api_docs(request):
            parts.update = {**API_DOCS_ALLOWANCES, **(parts.update or {})}
        return parts


def client_ip(request):
    """The client's address, for the login lockout (axes) and the API's rate limit.

    Behind the TLS proxy (HTTPS=1) every request comes from the proxy, so the client is the last address the proxy
    appended to X-Forwarded-For; earlier entries are whatever the client claimed and are ignored. The header is
    believed only from a peer in TRUSTED_PROXIES: a client talking to the app server directly could otherwise
    write a new address into it with every request and never be locked out or rate-limited.
    """
    peer = request.META.get("REMOTE_ADDR")
    if settings.SECURE_PROXY_SSL_HEADER and is_trusted_proxy(peer):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return peer


def is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def login_username(request, credentials=None):
    """The name axes counts failures for, cut to what a username can be.

    axes stores it in a 255-character column; a longer name typed into the login form made PostgreSQL refuse the
    row and the login page answer 500. No account has a longer name (Django allows 150), so nothing is lost.
    """
    source = credentials if credentials else request.POST
    return (source.get(settings.AXES_USERNAME_FORM_FIELD) or "")[:150]


def client_description(username, ip_address, user_agent, path_info, request):
    """What axes writes to the log about a login attempt: the path only, never who or from where."""
    return f"login at {path_info}"


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but two bodies Python's decoder accepts and the rest of the stack cannot handle are a 400
    like any other malformed JSON: one nested thousands of levels deep (RecursionError, which DRF does not catch),
    and one with a lone surrogate escape such as "\\ud800" (not a character: no UTF-8 encoding exists, so the first
    error message or database value that repeats it fails with a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except RecursionError:
            raise ParseError("JSON 嵌套层数过多,无法解析。") from None
        except UnicodeEncodeError:
            raise ParseError("JSON 中含有无效的字符(单独的代理项,如 \\ud800),请检查后重新提交。") from None
        return data


def has_null_character(request):
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())


class RejectBadCharactersMiddleware:
    """A NUL character in the path or query string is a 400, and an invisible format character in the path a 404,
    before any view sees them.

    No real client sends a NUL, and PostgreSQL cannot hold one in a text value: a view that filters on it would fail
    inside the database driver with a 500. (Form and JSON fields already refuse NUL through Django's and DRF's
    field validation.) Zero-width and bidi-control characters (core.validators) make a path look like another
    one; no page's address contains one (slugs are ASCII, names refuse them), so such a path is not found — never
    resolved, by a look-alike rule or otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_character(request):
            return error_page(request, 400, "400.html", "请求中含有不允许的字符(NUL),请检查网址。")
        if invisible_characters(request.path):
            return error_page(request, 404, "404.html", "网址中含有不可见的控制字符(如零宽空格),没有这个页面。")
        return self.get_response(request)
