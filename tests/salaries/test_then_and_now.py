"""Salaries then and now: the official statistics as loaded records, the arithmetic checked against the data
file, the year beside every 2010 amount, the method page, and no adjusted value passed off as a measurement."""

import csv
import io
import re
from fractions import Fraction
from urllib.parse import urlencode

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.html import strip_tags

from core.chinese import fullwidth
from salaries.models import CitySalary, StatisticalFigure, StatisticalRelease
from salaries.templatetags.salary_chart import yuan
from skills.models import Skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_pages")]

DATA_FILE = settings.BASE_DIR / "fixtures" / "statistics" / "wage-statistics.yaml"
PERIOD = "2010年6月"
CITIES = ["beijing", "hangzhou", "shanghai", "lanzhou", "guangzhou"]
CHIPS = ("低于此区间", "高于此区间", "在此区间内")


@pytest.fixture(scope="module")
def data():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def rounded(fraction):
    """Half up, computed on exact fractions: independent of the site's Decimal arithmetic."""
    return int(fraction + Fraction(1, 2)) if fraction >= 0 else -int(-fraction + Fraction(1, 2))


def expected(data, monthly):
    cpi = data["cpi_annual_change"]["values"]
    price = Fraction(1)
    for year in range(2011, max(cpi) + 1):
        price *= 1 + Fraction(str(cpi[year])) / 100
    wages = {row["year"]: row["figures"] for row in data["average_annual_wage"]}
    growth = Fraction(wages[2024]["urban_private_units_employed_persons"]) / Fraction(
        wages[2010]["urban_private_units_employed_persons"]
    )
    reference = Fraction(
        wages[2024]["enterprises_above_designated_size_by_position"]["social_production_and_life_services"]
    )
    return {
        "price_adjusted": rounded(monthly * price),
        "growth_estimate": rounded(monthly * growth),
        "national_reference": rounded(reference / 12),
    }


def flat(figures, prefix=""):
    for key, value in figures.items():
        if isinstance(value, dict):
            yield from flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def result_url(**answers):
    """The assessment result for these answers, every skill rated 0 as the form sends it."""
    ratings = {f"skill-{slug}": 0 for slug in Skill.objects.values_list("slug", flat=True)}
    return "/assessment/result/?" + urlencode({"track": "management", **answers, **ratings})


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the statistics as records -------------------------------------------------------------------------------


def test_the_loaded_figures_are_those_of_the_data_file(data):
    wanted = {("cpi_annual_change", year): value for year, value in data["cpi_annual_change"]["values"].items()}
    for row in data["average_annual_wage"]:
        wanted.update({(series, row["year"]): value for series, value in flat(row["figures"])})
    loaded = {(f.series, f.year): f.value for f in StatisticalFigure.objects.all()}
    assert loaded.keys() == wanted.keys()
    for key, value in wanted.items():
        assert loaded[key] == Fraction(str(value)), key
    assert len(wanted) == 30


def test_every_release_has_its_publisher_title_date_and_address(data):
    releases = {release.slug: release for release in StatisticalRelease.objects.all()}
    assert set(releases) == {"cpi", "wages-2010", "wages-2024"}
    for release in releases.values():
        assert release.publisher == data["publisher"] == "国家统计局"
        assert release.addresses and all(a["url"].startswith("http") for a in release.addresses)
    assert releases["cpi"].title == data["cpi_annual_change"]["release"]  # its date is in the title: 2026-01-09
    for row in data["average_annual_wage"]:
        release = releases[f"wages-{row['year']}"]
        assert (release.title, release.published) == (row["release"], str(row["published"]))
    assert releases["wages-2024"].caveat_list() == data["average_annual_wage"][1]["caveats"]


@pytest.mark.parametrize("model", ["statisticalrelease", "statisticalfigure"])
def test_nobody_adds_changes_or_deletes_statistics_in_the_admin_not_even_a_superuser(client, model):
    client.force_login(get_user_model().objects.create_superuser("admin-root", password="Chaoji-guanli-2026"))
    record = (StatisticalRelease if model == "statisticalrelease" else StatisticalFigure).objects.first()
    base = f"/admin/salaries/{model}/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{record.pk}/change/").status_code == 200  # viewing is fine
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{record.pk}/change/", {"title": "改过", "value": "1"}).status_code == 403
    assert client.post(f"{base}{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert StatisticalRelease.objects.count() == 3 and StatisticalFigure.objects.count() == 30


def test_the_statistics_api_is_read_only_and_lists_every_figure(api):
    data = api.get("/api/v1/wage-statistics/").json()
    assert sum(len(release["figures"]) for release in data["results"]) == 30
    assert api.post("/api/v1/wage-statistics/", {}, format="json").status_code in (401, 403, 405)


# --- the arithmetic --------------------------------------------------------------------------------------------


def test_the_worked_example_of_the_data_file_comes_out(data):
    assert expected(data, 1978) == {"price_adjusted": 2617, "growth_estimate": 6620, "national_reference": 6465}
    assert CitySalary.objects.get(city__slug="hangzhou").average_monthly == 1978


@pytest.mark.parametrize("slug", CITIES)
def test_a_citys_adjustments_match_an_independent_computation_from_the_data_file(api, client, data, slug):
    salary = CitySalary.objects.get(city__slug=slug)
    want = expected(data, salary.average_monthly)
    row = api.get(f"/api/v1/cities/{slug}/").json()
    assert {key: row[key] for key in want} == want
    assert (row["price_year"], row["growth_estimate_year"], row["national_reference_year"]) == (2025, 2024, 2024)
    page = strip_tags(text(client.get(f"/salaries/{slug}/")))
    assert f"约 {yuan(want['price_adjusted'])} 元/月" in page
    assert f"约 {yuan(want['growth_estimate'])} 元/月" in page
    assert f"{yuan(want['national_reference'])} 元/月" in page
    table = text(client.get("/salaries/"))
    assert f'<td class="number">{yuan(want["price_adjusted"])}</td>' in table
    assert f'<td class="number">{yuan(want["growth_estimate"])}</td>' in table


def test_every_city_in_the_csv_download_carries_its_year_and_adjustments(api, data):
    response = api.get("/api/v1/download/cities.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 36
    for row in rows:
        assert (row["as_of"], row["period"]) == ("2010-06", PERIOD)
        want = expected(data, int(row["average_monthly"]))
        assert {key: int(row[key]) for key in want} == want


def test_the_bulk_download_carries_the_statistics_and_the_cities_adjustments(api):
    data = api.get("/api/v1/download/").json()
    assert len(data["wage-statistics"]) == 3
    assert all(city["as_of"] == "2010-06" and city["price_adjusted"] for city in data["cities"])


# --- the year beside every 2010 amount ------------------------------------------------------------------------


def assert_dated(page, amount, window=40):
    """Every occurrence of the amount (as shown, e.g. 1,978) has 2010年6月 within `window` characters."""
    shown = yuan(amount)
    positions = [m.start() for m in re.finditer(rf"(?<![\d,]){re.escape(shown)}(?![\d,])", page)]
    assert positions, f"{shown} not shown"
    for position in positions:
        around = page[max(0, position - window) : position + len(shown) + window]
        assert PERIOD in around, (shown, around)


def outside_tables_and_charts(html):
    """The page's text without tables and charts: those of salaries carry the year in their caption or title."""
    for tag in ("table", "svg"):
        for block in re.findall(rf"<{tag}\b.*?</{tag}>", html, flags=re.S):
            head = re.search(r"<caption>.*?</caption>|<title[^>]*>.*?</title>", block, flags=re.S)
            if head and "月薪" in head.group(0):
                assert PERIOD in head.group(0), block[:200]
            html = html.replace(block, "")
    return re.sub(r"\s+", " ", strip_tags(html))


def test_the_city_page_shows_the_year_beside_every_2010_amount_and_no_band_chip(client):
    salary = CitySalary.objects.get(city__slug="hangzhou")
    summary = CitySalary.objects.summary()
    html = text(client.get("/salaries/hangzhou/"))
    page = outside_tables_and_charts(html)
    for amount in (salary.average_monthly, summary["average"], summary["median"]):
        assert_dated(page, amount, window=60)
    assert "平均月薪 1978" not in page
    assert "1 / 36" not in page or PERIOD in page[page.index("排名") - 20 : page.index("排名")]
    assert not any(chip in html for chip in CHIPS)


@pytest.mark.parametrize("url", ["/salaries/", "/salaries/?region=east", "/salaries/compare/?cities=beijing,hangzhou"])
def test_salary_tables_and_charts_carry_the_year_and_no_band_chip(client, url):
    html = text(client.get(url))
    outside_tables_and_charts(html)  # asserts every table caption and chart title names 2010年6月
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert f"{PERIOD}<br>平均月薪" in header and "按 2025 年<br>物价折算" in header
    assert not any(chip in html for chip in CHIPS)


def test_the_summary_shows_whole_yuan_with_separators_and_the_year(client):
    summary = CitySalary.objects.summary()
    assert summary["median"] == 4841.5
    page = outside_tables_and_charts(text(client.get("/salaries/")))
    assert "4841.5" not in page and "4,842" in page
    for amount in (summary["average"], summary["median"], summary["highest"], summary["lowest"]):
        assert_dated(page, amount)


def test_the_home_page_and_search_show_the_year_beside_the_amount(client):
    assert_dated(outside_tables_and_charts(text(client.get("/"))), CitySalary.objects.summary()["average"])
    beijing = CitySalary.objects.get(city__slug="beijing").average_monthly
    assert_dated(outside_tables_and_charts(text(client.get("/search/", {"q": "北京"}))), beijing)


def test_the_assessment_result_dates_the_city_and_shows_its_adjustments_apart_from_the_band(client, data):
    page = outside_tables_and_charts(text(client.get(result_url(stage="entry", city="hangzhou"))))
    assert_dated(page, 1978)
    want = expected(data, 1978)
    assert f"约 {yuan(want['price_adjusted'])} 元/月" in page and f"约 {yuan(want['growth_estimate'])} 元/月" in page
    assert fullwidth("初级售后客服:一般在 3,000–5,000 元/月") in page and "未注明年份" in page
    assert "本站的解读" in page and "没有说它们对应哪个发展阶段" in page
    assert not any(chip in page for chip in CHIPS)


def test_every_api_field_with_a_2010_amount_carries_its_year(api, every_item):
    for city in every_item("/api/v1/cities/"):
        assert (city["as_of"], city["period"]) == ("2010-06", PERIOD)
    summary = api.get("/api/v1/salary-summary/").json()
    assert summary["overall"]["as_of"] == "2010-06"
    assert all(region["as_of"] == "2010-06" for region in summary["regions"])
    report = api.post(
        "/api/v1/assessments/",
        {"stage": "promotion", "track": "management", "city": "hangzhou", "ratings": {}},
        format="json",
    ).json()
    assert (report["city_salary"]["as_of"], report["city_salary"]["period"]) == ("2010-06", PERIOD)


# --- the bands: 001's words, the site's reading ----------------------------------------------------------------


def test_the_bands_keep_001s_hedges_and_say_the_stage_mapping_is_the_sites(api, client):
    bands = {band["slug"]: band for band in api.get("/api/v1/salary-bands/").json()["results"]}
    assert (bands["junior"]["hedge"], bands["senior"]["hedge"]) == ("一般在", "可达到")
    assert all(band["dated"] is False and "本站的解读" in band["stage_reading"] for band in bands.values())
    body = {"stage": "promotion", "track": "management", "ratings": {}}
    report = api.post("/api/v1/assessments/", body, format="json").json()
    assert report["salary_band"]["hedge"] == "可达到" and "本站的解读" in report["salary_band"]["site_reading"]
    page = strip_tags(text(client.get("/salaries/")))
    assert "一般在 3,000–5,000 元/月" in page and "可达到 8,000–10,000 元/月" in page


# --- the method page and what the numbers are -----------------------------------------------------------------


def test_the_method_page_lists_every_factor_with_its_release(client, data):
    html = text(client.get("/salaries/method/"))
    page = re.sub(r"\s+", " ", strip_tags(html))
    for year in range(2011, 2026):
        value = data["cpi_annual_change"]["values"][year]
        row = f'<th scope="row">{year}</th><td class="number">{value}</td><td class="number">× (1 + {value}/100)</td>'
        assert row in html, year
    assert '<th scope="row">2010</th>' not in html  # 2010's own change is not applied
    assert "1.3233" in page and "3.3468" in page
    assert "69476 / 20759" in page and "77584 元/年 ÷ 12 ≈ 6,465 元/月" in page
    for row in data["average_annual_wage"]:
        assert fullwidth(row["release"]) in page and str(row["published"]) in page
    assert (
        fullwidth(data["cpi_annual_change"]["release"]) in page
        and fullwidth(data["cpi_annual_change"]["basis"]) in page
    )
    for caveat in data["average_annual_wage"][1]["caveats"]:
        assert fullwidth(caveat) in page
    assert "这些数字不能说明什么" in page and "入职平均薪酬" in page
    for address in data["cpi_annual_change"]["reported_at"].values():
        assert f'href="{address}"' in html


@pytest.mark.parametrize("url", ["/salaries/", "/salaries/beijing/", "/salaries/compare/?cities=beijing,shanghai"])
def test_every_page_with_an_adjusted_figure_links_to_the_method(client, url):
    assert 'href="/salaries/method/"' in text(client.get(url))


def test_the_assessment_result_with_a_city_links_to_the_method(client):
    url = result_url(stage="entry", city="beijing")
    assert 'href="/salaries/method/"' in text(client.get(url))


def test_nothing_calls_an_adjusted_value_a_measurement(client, api):
    page = re.sub(r"\s+", " ", strip_tags(text(client.get("/salaries/beijing/"))))
    assert "不是这份工作今天的工资" in page
    assert fullwidth("推算,不是统计数据") in page
    assert "不是售后客服的工资" in page
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    schema = yaml.safe_load(response.content)["components"]["schemas"]
    city = schema["City"]["properties"]
    assert "不是这份工作今天的工资" in city["price_adjusted"]["description"]
    assert "推算值,不是统计数据" in city["growth_estimate"]["description"]
    assert "不是该城市或售后客服的工资" in city["national_reference"]["description"]
    for word in ("今天的工资为", "现在的工资", "实际工资", "实测"):
        assert word not in page
