"""The lists of citations under each record (`{% citations %}`): rendered once per process for what they hold, and
showing an edit to a quote or to its source on the next read."""

import pytest

from progression.models import OverviewEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def first_citation_of_the_work_entry():
    entry = OverviewEntry.objects.filter(section=OverviewEntry.Section.WORK).first()
    return entry.citations.select_related("source").first()


def test_an_edited_quote_is_shown_on_the_next_read(client):
    citation = first_citation_of_the_work_entry()
    assert citation.quote in home(client)
    citation.quote = "一段改过的引文"
    citation.save()
    page = home(client)
    assert f'<blockquote lang="{citation.source.language}" data-verbatim>一段改过的引文</blockquote>' in page


def test_an_edited_source_title_is_shown_on_the_next_read(client):
    source = first_citation_of_the_work_entry().source
    assert f"{source.slug} {source.title}</a>" in home(client)
    source.title = "改过的标题"
    source.save()
    page = home(client)
    assert f"{source.slug} 改过的标题</a>" in page
    assert page.count("改过的标题") == page.count(f'href="/sources/{source.slug}/"')


def test_an_edited_source_date_is_shown_on_the_next_read(client):
    source = first_citation_of_the_work_entry().source
    home(client)
    source.published_on = None
    source.save()
    assert f'{source.slug} {source.title}</a>\n      <span class="muted source-date">（来源未注明日期）' in home(client)
