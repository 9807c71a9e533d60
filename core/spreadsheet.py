"""Cells that a spreadsheet shows as text, never runs as a formula — and that read back exactly as written.

A cell starting with = + - @ (or a tab or carriage return) is taken by Excel and LibreOffice as a formula:
`=HYPERLINK(…)` turns into a link, `+cmd|…` into a command (OWASP, "CSV Injection"). Every export (the API's
CSV, the admin's CSV and XLSX) writes such a value with a leading apostrophe, and the admin's import removes
exactly that apostrophe again, so an unchanged export imports back without losing a character.

django-import-export's own option (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) drops the "=" instead, which would
change the value on the way back; its format classes apply this rule in core.spreadsheet_formats, which only the
admin imports (django-import-export and tablib stay out of the processes that only serve the guide).
"""

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
