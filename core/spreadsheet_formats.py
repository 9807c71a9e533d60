"""django-import-export's CSV and XLSX formats writing and reading cells by core.spreadsheet's formula rule."""

from io import BytesIO

import tablib
from import_export.formats import base_formats

from core.spreadsheet import escape_formula, unescape_formula


def escaped_dataset(dataset):
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([escape_formula(cell) for cell in row])
    return copy


def unescaped_dataset(dataset):
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([unescape_formula(cell) for cell in row])
    return copy


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(escaped_dataset(dataset), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return unescaped_dataset(super().create_dataset(in_stream, **kwargs))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(escaped_dataset(dataset), **kwargs)

    def create_dataset(self, in_stream):
        # Read what each cell holds, not a cached result: a formula cell of a file written by a program (as the
        # exports before this escaping were) has no cached value and would read as empty — and an empty cell
        # removes a level. Its formula text is the value that was exported.
        import openpyxl

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=False)
        rows = book.active.iter_rows(values_only=True)
        dataset = tablib.Dataset(headers=list(next(rows, [])))
        for row in rows:
            if any(value is not None for value in row):
                dataset.append(list(row)[: dataset.width] + [None] * (dataset.width - len(row)))
        return unescaped_dataset(dataset)
