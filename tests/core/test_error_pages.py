"""What handler500 answers: a database that does not answer is a 503 to wait out, anything else a 500 — in
Chinese on pages, JSON in the API, never a stack trace."""

import json

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError

from core.errors import server_error


def answer(rf, path, error):
    try:
        raise error
    except type(error):
        return server_error(rf.get(path))


@pytest.mark.parametrize("error", [OperationalError("connection refused"), InterfaceError("connection already closed")])
def test_a_database_that_does_not_answer_is_a_503(rf, error):
    page = answer(rf, "/skills/", error)
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "网站正在恢复" in page.content.decode()
    api = answer(rf, "/api/v1/skills/", error)
    assert api.status_code == 503
    assert json.loads(api.content)["detail"] == "数据库暂时无法访问,请稍后再试。"


def test_any_other_error_is_a_500_without_details(rf):
    page = answer(rf, "/skills/", ProgrammingError("relation skills_skill does not exist"))
    assert page.status_code == 500
    body = page.content.decode()
    assert "服务器出了点问题" in body and "skills_skill" not in body and "Traceback" not in body
    api = answer(rf, "/api/v1/skills/", RuntimeError("secret detail"))
    assert api.status_code == 500
    assert "secret detail" not in api.content.decode()
    assert json.loads(api.content)["detail"]


def test_error_pages_are_never_cached(rf):
    assert answer(rf, "/", RuntimeError("x"))["Cache-Control"] == "no-store"
