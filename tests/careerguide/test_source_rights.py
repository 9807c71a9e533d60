"""Each source's rights as the document states them (or that it states none), wherever its content is offered:
the sources page, each source's page, the API, the meta endpoint and the bulk downloads (JSON and CSV)."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from core.chinese import fullwidth
from skills.models import Source

pytestmark = pytest.mark.django_db

HOLDER = "中国职业文化发展研究中心"
NOTICE_LINE = "3、未經中國職業文化發展研究中心書面許可,任何單位及個人不得以任何方式或理由對職位百科的産品、服務、材料進行使用、銷售或轉為其他商業用途。"


def test_004s_copyright_notice_is_kept_verbatim_and_the_others_state_none():
    cntv = Source.objects.get(slug="004")
    assert cntv.rights_holder == HOLDER and "书面许可" in cntv.terms
    assert cntv.rights_notice.startswith("【職位百科】版權説明:") and cntv.rights_notice.endswith(NOTICE_LINE)
    assert cntv.contains(cntv.rights_notice)
    for source in Source.objects.exclude(slug="004"):
        assert (source.rights_holder, source.terms, source.rights_notice) == ("", "", "")
        assert source.rights_statement() == Source.RIGHTS_UNSTATED


def test_a_notice_that_is_not_in_the_document_is_refused():
    cntv = Source.objects.get(slug="004")
    cntv.rights_notice = "版权所有,欢迎转载。"
    with pytest.raises(ValidationError):
        cntv.full_clean()


def test_the_sources_page_shows_each_documents_rights(client):
    page = client.get("/sources/").content.decode()
    assert HOLDER in page and NOTICE_LINE in page
    assert page.count("原文未说明") >= 4
    for source in Source.objects.all():
        assert f'href="/sources/{source.slug}/"' in page


def test_a_source_page_shows_its_records_count_and_notice(client):
    page = client.get("/sources/004/").content.decode()
    records = Source.objects.get(slug="004").citations.values("content_type", "object_id").distinct().count()
    assert records > 0 and f"本站有 {records} 条记录引用这份文档" in page
    assert NOTICE_LINE in page and HOLDER in page
    silent = client.get("/sources/000/").content.decode()
    assert "原文没有说明版权归属和使用条件" in silent
    assert client.get("/sources/999/").status_code == 404


def test_the_notice_stays_as_published_for_traditional_readers(traditional):
    assert NOTICE_LINE in traditional.get("/sources/004/").content.decode()


def test_the_api_lists_the_rights_of_each_source(api):
    sources = {row["slug"]: row for row in api.get("/api/v1/sources/").json()["results"]}
    assert sources["004"]["rights_holder"] == HOLDER and sources["004"]["rights_notice"].endswith(NOTICE_LINE)
    assert sources["000"]["rights"] == Source.RIGHTS_UNSTATED
    assert {"terms", "original_url", "retrieved_on"} <= set(sources["000"])


def test_meta_and_the_bulk_download_carry_the_rights(api):
    for meta in (api.get("/api/v1/meta/").json(), api.get("/api/v1/download/").json()["meta"]):
        assert HOLDER in meta["rights"]
        assert {source["slug"]: source["rights_holder"] for source in meta["sources"]}["004"] == HOLDER


def test_every_csv_row_carries_the_rights_of_the_documents_it_cites(api):
    rows = list(csv.DictReader(io.StringIO(api.get("/api/v1/download/cities.csv").content.decode("utf-8-sig"))))
    assert rows and all(HOLDER in row["版权与使用条件"] for row in rows)  # the city table is 004's
    skills = csv.DictReader(io.StringIO(api.get("/api/v1/download/skills.csv").content.decode("utf-8-sig")))
    typing = next(row for row in skills if row["slug"] == "typing-speed")  # 002 only
    assert typing["版权与使用条件"] == fullwidth(f"002:{Source.RIGHTS_UNSTATED}")  # API text is full-width
