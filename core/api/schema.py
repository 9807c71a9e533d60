"""What the OpenAPI schema says of every operation: the language parameter, and the responses every operation can
give but no serializer describes, so the schema matches what clients really get."""

from drf_spectacular.utils import OpenApiParameter

LANG = OpenApiParameter(
    "lang",
    str,
    enum=["zh-hans", "zh-hant"],
    description="zh-hant 返回繁体文字(引文保持原样);也可用 Accept-Language: zh-Hant。",
)


ERROR = {
    "type": "object",
    "description": "出错说明:`detail` 为一句话的说明,或以参数/字段名为键、错误信息列表为值。",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
    "example": {"ordering": ["选择一个有效的选项。 population 不在可用的选项中。"]},
}


def _error(description):
    schema = {"$ref": "#/components/schemas/Error"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_common_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", _error("参数、页码、排序或提交的数据不合法。"))
            responses.setdefault("404", _error("资源不存在,或页码超出范围。"))
            responses.setdefault(
                "429",
                {
                    **_error("请求过于频繁;Retry-After 头给出需等待的秒数。"),
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                },
            )
            if method == "get":
                # Reading needs no credentials; a token is accepted but changes nothing.
                security = operation.setdefault("security", [])
                if security and {} not in security:
                    security.append({})
                responses.setdefault("304", {"description": "数据没有变化(If-None-Match 与 ETag 相同)。"})
                for code, response in responses.items():
                    if code == "200":
                        response.setdefault("headers", {}).update(
                            {
                                "ETag": {"schema": {"type": "string"}, "description": "随数据版本变化。"},
                                "Cache-Control": {"schema": {"type": "string"}},
                            }
                        )
            else:
                responses.setdefault("401", _error("需要令牌认证:Authorization: Token <令牌>。"))
                responses.setdefault("403", _error("令牌没有相应的模型权限。"))
                if method in ("put", "patch") and "/skills/{slug}/" in path:
                    responses.setdefault("409", _error("带上的 version 已过时:他人已在此后修改,请重新读取。"))
    return result
