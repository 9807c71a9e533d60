"""Cells that a spreadsheet shows as text, never runs as a formula — and that read back exactly as written.

A cell starting with = + - @ (or a tab or carriage return) is taken by Excel and LibreOffice as a formula:
`=HYPERLINK(…)` turns into a link, `+cmd|…` into a command (OWASP, "CSV Injection"). Every export (the API's
CSV, the admin's CSV and XLSX) writes such a value with a leading apostrophe, and the admin's import removes
exactly that apostrophe again, so an unchanged export imports back without losing a character.

django-import-export's own option (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) drops the "=" instead, which would
change the value on the way back; its format classes are the place for this rule, so they are subclassed here.
"""

from io import BytesIO

import tablib
from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_escaped(text):
    # One or more apostrophes before a formula character: what `escape` writes for a value starting so.
    return text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def escape_formula(value):
    """The value as a cell a spreadsheet shows as text; only text that could start a formula is changed."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _looks_escaped(value)):
        return QUOTE + value
    return value


def unescape_formula(value):
    """The exact inverse of `escape_formula`: unescape_formula(escape_formula(v)) == v for every value."""
    if isinstance(value, str) and _looks_escaped(value):
        return value[len(QUOTE) :]
    return value


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
