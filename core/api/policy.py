"""The API policies named in settings.REST_FRAMEWORK.

Kept apart from the views: DRF imports these while it defines APIView, so this module must not import
rest_framework.views at load time.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, pagination, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle


class NotModified(exceptions.APIException):
    status_code = status.HTTP_304_NOT_MODIFIED

    def __init__(self, etag):
        super().__init__()
        self.etag = etag


def api_exception_handler(exc, context):
    from rest_framework.views import exception_handler

    if isinstance(exc, NotModified):
        return Response(status=status.HTTP_304_NOT_MODIFIED)
    if isinstance(exc, RequestDataTooBig):
        from core.errors import BODY_TOO_LARGE_MESSAGE

        return Response({"detail": BODY_TOO_LARGE_MESSAGE}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data = {"detail": f"请求过于频繁,请在 {int(exc.wait) + 1} 秒后重试。"}
    if response is not None and isinstance(exc, Http404):
        response.data = {"detail": "没有找到该资源。"}
    return response


class Pagination(pagination.PageNumberPagination):
    """Page numbers with ?page_size= up to a maximum; a malformed page or page_size is a 400, not a guess."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = "页码 {page_number} 超出范围。"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise exceptions.ValidationError(
                {"page_size": [f"page_size 必须是 1 到 {self.max_page_size} 之间的整数,收到“{raw}”。"]}
            )
        return min(int(raw), self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw in self.last_page_strings:
            return super().get_page_number(request, paginator)
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise exceptions.ValidationError({"page": [f"page 必须是正整数,收到“{raw}”。"]})
        return raw

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"每页条数,默认 {self.page_size},超过 {self.max_page_size} 按 {self.max_page_size} 计。"
                )
            else:
                parameter["description"] = "页码,从 1 开始。"
        return parameters


class AnonymousThrottle(AnonRateThrottle):
    """A rate far above what a client walking the pages needs; it only stops runaway loops."""

    rate = "600/minute"

    def get_ident(self, request):
        # Behind the TLS proxy every request would otherwise share the proxy's address, and so one budget.
        from core.security import client_ip

        return client_ip(request)


class StaffTokenAuthentication(TokenAuthentication):
    """Tokens are issued to staff only; a token that ended up with anyone else opens nothing."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not user.is_staff:
            raise exceptions.AuthenticationFailed("该令牌不属于工作人员账号,不能用于 API。")
        return user, token
