"""The salary pages kept as fragments (core.fragments): read from the cache with no query for their content, the
same HTML as when rendered, and never stale after an edit of a salary or of the dataset's caveats."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.chinese import fullwidth
from salaries.models import CitySalary, SalaryDataset
from salaries.templatetags.salary_chart import yuan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]

INDEX, CITY, COMPARE, METHOD = (
    "/salaries/",
    "/salaries/hangzhou/",
    "/salaries/compare/?cities=hangzhou,beijing",
    "/salaries/method/",
)


def read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.mark.parametrize(
    ("url", "queries_on_a_hit"),
    # The data version; a city page and a comparison also ask whether their cities exist (404, error message).
    [(INDEX, 1), (CITY, 2), (COMPARE, 2), (METHOD, 1), ("/salaries/?sort=name&region=east", 1)],
)
def test_it_reads_a_page_from_its_fragment_with_no_query_for_the_content(client, url, queries_on_a_hit):
    first, first_count = read(client, url)
    second, second_count = read(client, url)
    assert second.status_code == first.status_code == 200
    assert second.content == first.content
    assert first_count <= 10
    assert second_count == queries_on_a_hit


@pytest.mark.parametrize(
    "url",
    [
        INDEX,
        "/salaries/?sort=name",
        "/salaries/?region=south&sort=salary",
        "/salaries/?sort=price&region=mars",
        "/salaries/yinchuan/",
        CITY,
        COMPARE,
        "/salaries/compare/",
        "/salaries/compare/?cities=beijing",
        "/salaries/compare/?cities=beijing,gotham",
        METHOD,
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_fragment_is_the_page_rendered_without_it(settings, url, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    stored = client.get(url)
    cached = client.get(url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered = client.get(url)
    assert cached.status_code == rendered.status_code
    assert cached.content == stored.content == rendered.content


def test_each_choice_of_sort_region_and_cities_has_its_own_fragment(client):
    by_salary = client.get(INDEX).content.decode()
    by_name = client.get("/salaries/", {"sort": "name"}).content.decode()
    names = re.findall(r'<tr data-name="([\w-]+)"', by_name)
    assert names == sorted(names) != re.findall(r'<tr data-name="([\w-]+)"', by_salary)
    assert 'role="alert"' in client.get("/salaries/", {"sort": "price"}).content.decode()
    east = client.get("/salaries/", {"region": "east"}).content.decode()
    assert "华东地区" in east and "华东地区" not in by_salary
    assert fullwidth("找不到这些城市:gotham") in client.get("/salaries/compare/?cities=beijing,gotham").content.decode()
    other = client.get("/salaries/compare/?cities=beijing,metropolis").content.decode()
    assert "metropolis" in other and "gotham" not in other
    client.get(CITY)
    assert "<h1>广州的售后客服月薪" in client.get("/salaries/guangzhou/").content.decode()
    client.get(COMPARE)
    table = client.get("/salaries/compare/?cities=shanghai,shenzhen").content.decode().split("</table>")[0]
    assert "上海" in table and "杭州" not in table
    ticked = client.get("/salaries/compare/?cities=shanghai,shenzhen,gotham").content.decode()
    assert 'value="shanghai" checked' in ticked and 'value="hangzhou" checked' not in ticked


def test_an_edit_of_a_citys_salary_shows_on_the_next_read_of_every_page(client):
    for url in (INDEX, CITY, COMPARE):
        client.get(url)
    salary = CitySalary.objects.get(city__slug="hangzhou")
    salary.average_monthly = 98765
    salary.save()
    amount = f"{yuan(98765)}"
    index = client.get(INDEX).content.decode()
    assert '<tr data-name="hangzhou" data-salary="98765">' in index
    assert index.index('data-name="hangzhou"') < index.index('data-name="beijing"')  # now the highest
    assert f"<dd>{amount} <small>2010年6月</small></dd>" in index  # the highest in the summary
    assert f"{amount} <small>元/月 · 2010年6月</small>" in client.get(CITY).content.decode()
    assert f'<td class="number">{amount}</td>' in client.get(COMPARE).content.decode()


def test_an_edit_of_the_datasets_caveats_shows_on_the_next_read_of_every_page(client):
    for url in (INDEX, CITY, COMPARE, METHOD):
        client.get(url)
    dataset = SalaryDataset.objects.get()
    dataset.caveats += "\n一条新加的数据说明"
    dataset.save()
    for url in (INDEX, CITY, COMPARE, METHOD):
        assert "<li>一条新加的数据说明</li>" in client.get(url).content.decode(), url


def test_a_city_whose_salary_is_removed_is_a_404_at_once(client):
    assert client.get(CITY).status_code == 200
    CitySalary.objects.filter(city__slug="hangzhou").delete()
    assert client.get(CITY).status_code == 404
    response = client.get(COMPARE)
    assert response.status_code == 400
    assert fullwidth("找不到这些城市:hangzhou") in response.content.decode()


def test_made_up_cities_cannot_fill_the_cache(client):
    def stored():
        return sum("fragment:" in key for key in cache._cache)

    client.get("/salaries/compare/", {"cities": "beijing,shanghai,nowhere-0"})
    before = stored()
    for n in range(1, 6):
        response = client.get("/salaries/compare/", {"cities": f"beijing,shanghai,nowhere-{n}"})
        assert response.status_code == 400
        assert f"nowhere-{n}" in response.content.decode()
    assert stored() == before
