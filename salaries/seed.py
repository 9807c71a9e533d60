"""Seed loaders for salary_table.yaml (built from source 004) and salary_bands.yaml."""

from salaries.models import City, CitySalary, SalaryBand, SalaryDataset


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
        loader.upsert(
            SalaryBand,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
