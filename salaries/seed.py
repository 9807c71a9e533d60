"""Seed loaders for salary_table.yaml (built from source 004), salary_bands.yaml (source 001) and the official
statistics in statistics/wage-statistics.yaml (国家统计局, copied unchanged from the shared data folder)."""

from decimal import Decimal

from salaries.models import City, CitySalary, SalaryBand, SalaryDataset, StatisticalFigure, StatisticalRelease


def load_salary_table(loader, data):
    row = loader.field(data, "dataset", "salary_table")
    record = f"dataset {row.get('slug')}"
    values = {
        "title": loader.field(row, "title", record),
        "source": loader.source(loader.field(row, "source", record), record),
        "as_of": loader.field(row, "as_of", record),
        "unit": row.get("unit", "元/月"),
        "caveats": "\n".join(loader.field(row, "caveats", record)),
    }
    dataset, _ = loader.upsert(
        SalaryDataset,
        record,
        {"slug": loader.field(row, "slug", record)},
        values,
        loader.field(row, "citations", record),
    )
    for row in data.get("cities", []):
        record = f"city {row.get('slug')}"
        values = {k: loader.field(row, k, record) for k in ("name", "name_traditional", "province", "region")}
        city, _ = loader.upsert(City, record, {"slug": loader.field(row, "slug", record)}, values)
        loader.upsert(
            CitySalary,
            record,
            {"dataset": dataset, "city": city},
            {"average_monthly": loader.field(row, "average_monthly", record)},
            loader.field(row, "citations", record),
        )


def load_salary_bands(loader, data):
    for row in data.get("bands", []):
        record = f"band {row.get('slug')}"
        values = {k: loader.field(row, k, record) for k in ("name", "minimum", "maximum")}
        values["order"] = row.get("order", 0)
        values["hedge"] = row.get("hedge", "")
        loader.upsert(
            SalaryBand,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )


# The data file names its series in English keys and gives their Chinese names only in comments; these are
# those names. A key missing here stops the load rather than showing an unnamed number.
SERIES = {
    "cpi_annual_change": ("全国居民消费价格(CPI)比上年涨跌幅", "%"),
    "urban_private_units_employed_persons": ("城镇私营单位就业人员年平均工资", "元/年"),
    "urban_non_private_units_on_post_staff": ("城镇非私营单位在岗职工年平均工资", "元/年"),
    "urban_non_private_units_employed_persons": ("城镇非私营单位就业人员年平均工资", "元/年"),
    "urban_private_units_by_region.east": ("城镇私营单位就业人员年平均工资(东部)", "元/年"),
    "urban_private_units_by_region.central": ("城镇私营单位就业人员年平均工资(中部)", "元/年"),
    "urban_private_units_by_region.west": ("城镇私营单位就业人员年平均工资(西部)", "元/年"),
    "urban_private_units_by_region.northeast": ("城镇私营单位就业人员年平均工资(东北)", "元/年"),
    "enterprises_above_designated_size_by_position.all": ("规模以上企业就业人员年平均工资(全部岗位)", "元/年"),
    "enterprises_above_designated_size_by_position.middle_and_senior_managers": (
        "规模以上企业中层及以上管理人员年平均工资",
        "元/年",
    ),
    "enterprises_above_designated_size_by_position.professional_and_technical": (
        "规模以上企业专业技术人员年平均工资",
        "元/年",
    ),
    "enterprises_above_designated_size_by_position.clerical_and_related": (
        "规模以上企业办事人员和有关人员年平均工资",
        "元/年",
    ),
    "enterprises_above_designated_size_by_position.social_production_and_life_services": (
        "规模以上企业社会生产服务和生活服务人员年平均工资",
        "元/年",
    ),
    "enterprises_above_designated_size_by_position.production_and_manufacturing": (
        "规模以上企业生产制造及有关人员年平均工资",
        "元/年",
    ),
}
ADDRESS_LABELS = {"reported_at": "平均工资", "reported_at_positions": "分岗位平均工资"}


def flatten(figures, prefix=""):
    """{"a": 1, "b": {"c": 2}} → {"a": 1, "b.c": 2}: nested groups of figures as dotted series keys."""
    flat = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def load_wage_statistics(loader, data):
    publisher = loader.field(data, "publisher", "file")
    cpi = loader.field(data, "cpi_annual_change", "file")
    releases = [
        (
            "cpi",
            {
                "title": loader.field(cpi, "release", "cpi_annual_change"),
                "published": "",
                "basis": cpi.get("basis", ""),
                "addresses": [{"label": str(year), "url": url} for year, url in cpi.get("reported_at", {}).items()],
                "caveats": "",
            },
            {"cpi_annual_change": loader.field(cpi, "values", "cpi_annual_change")},
        )
    ]
    for row in loader.field(data, "average_annual_wage", "file"):
        record = f"average_annual_wage {row.get('year')}"
        year = loader.field(row, "year", record)
        by_series = {}
        for series, value in flatten(loader.field(row, "figures", record)).items():
            by_series[series] = {year: value}
        values = {
            "title": loader.field(row, "release", record),
            "published": str(row.get("published", "")),
            "basis": "",
            "addresses": [
                {"label": ADDRESS_LABELS.get(key, key), "url": url} for key, url in row.items() if key in ADDRESS_LABELS
            ],
            "caveats": "\n".join(row.get("caveats", [])),
        }
        releases.append((f"wages-{year}", values, by_series))
    for order, (slug, values, by_series) in enumerate(releases):
        release, _ = loader.upsert(
            StatisticalRelease, f"release {slug}", {"slug": slug}, {**values, "publisher": publisher, "order": order}
        )
        for series, by_year in by_series.items():
            if series not in SERIES:
                raise loader.error(f"release {slug}", f"unknown series {series!r}: name it in salaries.seed.SERIES")
            name, unit = SERIES[series]
            for year, value in by_year.items():
                loader.upsert(
                    StatisticalFigure,
                    f"{series} {year}",
                    {"series": series, "year": int(year)},
                    {"release": release, "name": name, "value": Decimal(str(value)), "unit": unit},
                )
