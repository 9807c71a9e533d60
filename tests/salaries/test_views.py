"""Salary pages: sortable and filterable without JavaScript, a chart with the average, caveats beside numbers."""

import re

import pytest
from django.test import Client

from core.chinese import fullwidth
from salaries.models import CitySalary
from salaries.templatetags.salary_chart import yuan

# Every request renders: a cached response would hide the queries (and the content) under test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

CAVEATS = ("该数据统计截止日期为2010年6月", "该数据为不同行业的职位薪酬平均值", "不包含相关福利、奖金、额外补贴等")


def row_cities(page):
    return re.findall(r'<tr data-name="([\w-]+)" data-salary="(\d+)">', page)


def test_salaries_shows_all_36_cities_highest_first_with_summary_chart_bands_and_caveats(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/salaries/")
    assert response.status_code == 200
    page = response.content.decode()
    rows = row_cities(page)
    assert len(rows) == 36
    salaries = [int(salary) for _, salary in rows]
    assert salaries == sorted(salaries, reverse=True)
    summary = CitySalary.objects.summary()
    assert f"<dd>{yuan(summary['average'])} <small>2010年6月</small></dd>" in page
    assert f"<dd>{yuan(summary['highest'])} <small>2010年6月</small></dd>" in page
    assert page.count('<rect x="') == 2 * 36  # the 2010 figure and, under it, its value at 2025 prices
    assert f"平均 {yuan(summary['average'])}" in page  # the average line's label in the chart
    assert "一般在 3,000–5,000" in page and "可达到 8,000–10,000" in page
    for caveat in CAVEATS:
        assert caveat in page


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("salary", 1, False), ("-salary", 1, True), ("name", 0, False), ("-name", 0, True)],
)
def test_salaries_sort_by_query_parameter(client, sort, key, reverse):
    rows = row_cities(client.get("/salaries/", {"sort": sort}).content.decode())
    values = [int(row[1]) if key else row[0] for row in rows]
    assert len(values) == 36
    assert values == sorted(values, reverse=reverse)


def test_salaries_filter_by_region_keeps_the_sort(client):
    response = client.get("/salaries/", {"region": "east", "sort": "salary"})
    assert response.status_code == 200
    rows = row_cities(response.content.decode())
    east = CitySalary.objects.in_region("east")
    assert sorted(slug for slug, _ in rows) == sorted(east.values_list("city__slug", flat=True))
    assert [int(s) for _, s in rows] == sorted(int(s) for _, s in rows)
    assert "华东地区" in response.content.decode()


@pytest.mark.parametrize("params", [{"sort": "price"}, {"region": "mars"}, {"sort": "'; drop table"}])
def test_salaries_answer_a_bad_sort_or_region_with_a_400_that_still_shows_the_table(client, params):
    response = client.get("/salaries/", params)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert len(row_cities(page)) == 36


def test_city_page_compares_the_city_with_the_average_and_shows_the_bands_apart(client, django_assert_max_num_queries):
    beijing = CitySalary.objects.get(city__slug="beijing")
    summary = CitySalary.objects.summary()
    with django_assert_max_num_queries(10):
        response = client.get("/salaries/beijing/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{yuan(beijing.average_monthly)} <small>元/月 · 2010年6月</small>" in page
    assert f"+{yuan(beijing.average_monthly - summary['average'])}" in page
    assert "初级售后客服" in page and "高级售后客服" in page
    assert 'class="bar-row bar-highlight"' in page
    for caveat in CAVEATS:
        assert caveat in page


def test_an_unknown_city_is_a_404(client):
    assert client.get("/salaries/atlantis/").status_code == 404


def test_compare_shows_two_to_four_cities_side_by_side(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/salaries/compare/", {"cities": "beijing,shanghai"})
    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index('class="compare-table"') : page.index("</table>")]
    assert "北京" in table and "上海" in table and table.index("北京") < table.index("上海")
    assert page.count('<rect x="') == 2 * 2
    assert CAVEATS[0] in page


def test_compare_accepts_the_forms_repeated_parameter(client):
    response = client.get("/salaries/compare/?cities=beijing&cities=shanghai&cities=guangzhou")
    assert response.status_code == 200
    assert response.content.decode().count('<rect x="') == 2 * 3


def test_compare_without_cities_offers_the_picker(client):
    response = client.get("/salaries/compare/")
    assert response.status_code == 200
    assert response.content.decode().count('name="cities"') == 36


@pytest.mark.parametrize(
    ("cities", "message"),
    [
        ("beijing", "请选择 2 到 4 个城市"),
        ("beijing,beijing", "请选择 2 到 4 个城市"),
        ("beijing,shanghai,guangzhou,shenzhen,hangzhou", "请选择 2 到 4 个城市"),
        ("beijing,gotham", "找不到这些城市:gotham"),
        (",,,", None),
    ],
)
def test_compare_explains_a_wrong_choice_in_chinese(client, cities, message):
    response = client.get("/salaries/compare/", {"cities": cities})
    if message is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert fullwidth(message) in response.content.decode()


def test_a_city_shows_its_published_traditional_name_only_where_it_differs_from_what_the_reader_sees(traditional):
    simplified_page = Client().get("/salaries/").content.decode()
    assert re.search(r">银川</a> <span[^>]*>銀川</span>", simplified_page)
    traditional_page = traditional.get("/salaries/").content.decode()
    assert ">銀川</a>" in traditional_page and "銀川 銀川" not in traditional_page
    assert not re.search(r">銀川</a> <span", traditional_page)
    city_page = traditional.get("/salaries/yinchuan/").content.decode()
    assert "原文寫作" not in city_page
    assert "原文写作" in Client().get("/salaries/yinchuan/").content.decode()
