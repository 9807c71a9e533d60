"""The answers given when the site itself is in trouble (database down, unexpected error, bad request).

These pages never touch the database and never use the request's session or user: they must render while the
thing that broke is exactly what the normal pages depend on.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 30
# Connection refused, server restarting, connection dropped mid-query: all of these clear up by themselves.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
PLAIN_PAGE = (
    '<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>客服职业导航</title>'
    '<p>{detail}</p><p><a href="/">回到首页</a></p></html>'
)


# Machine clients: the API, and the health check (which may fail in a middleware before its own view runs).
JSON_PATHS = ("/api/", "/healthz")


def wants_json(request):
    return request.path.startswith(JSON_PATHS) or "application/json" in request.headers.get("Accept", "")


def render_or_plain(template, detail):
    """The styled page, or if even that fails (static files not collected, a broken template) the bare message:
    an error page that raises would turn into the server's own English error."""
    try:
        return render_to_string(template)
    except Exception:
        return PLAIN_PAGE.format(detail=detail)


def error_page(request, code, template, detail, **extra):
    if wants_json(request):
        body = {"detail": detail, **extra}
        response = JsonResponse(body, status=code, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(render_or_plain(template, detail), status=code)
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable(request):
    response = error_page(
        request, 503, "errors/503.html", "数据库暂时无法访问,请稍后再试。", status="unavailable", database="unavailable"
    )
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


LOCK_CONFLICT_MESSAGE = "保存失败:另一项修改正在同时保存,您的修改没有保存。请稍后重新打开页面,查看最新内容后再试。"


def is_lock_conflict(error):
    """SQLite's answer when another writer kept the database locked beyond the busy timeout: two edits collided,
    the database itself is fine."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def edit_conflict(request):
    return error_page(request, 409, "errors/409.html", LOCK_CONFLICT_MESSAGE)


def server_error(request):
    """handler500: a database outage is a 503 the visitor can wait out; two colliding writes are a 409 conflict;
    anything else is our bug, a 500."""
    error = sys.exc_info()[1]
    if is_lock_conflict(error):
        return edit_conflict(request)
    if isinstance(error, UNAVAILABLE_ERRORS):
        return service_unavailable(request)
    return error_page(request, 500, "500.html", "服务器内部错误,我们会尽快修复。")


BODY_TOO_LARGE_MESSAGE = "请求体过大,无法处理。请缩小提交的内容后重试。"


def bad_request(request, exception=None):
    """handler400: Django's own refusals (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a bad host)
    are JSON in the API, like every other API error, and a Chinese page elsewhere."""
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        return error_page(request, 413, "400.html", BODY_TOO_LARGE_MESSAGE)
    return error_page(request, 400, "400.html", "请求有误,无法处理。")
