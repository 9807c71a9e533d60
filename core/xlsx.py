"""tablib's XLSX format, imported (with openpyxl) only when a spreadsheet is written or read.

django-import-export lists the formats it offers as soon as it is imported — the admin's autodiscovery imports it
in every process — by asking tablib for each, and tablib then imports openpyxl: about 6 MB in every gunicorn
process, for a format only HR's import and export use. Put in tablib's registry before that happens (core.apps),
this stands in for tablib's own XLSX format and hands every use over to it.
"""

from importlib.util import find_spec

from tablib.formats import registry


class DeferredXLSXFormat:
    # What listing the formats reads; anything else (export_set, import_set, detect, …) imports the real format.
    title = "xlsx"
    extensions = ("xlsx",)

    def __getattr__(self, name):
        from tablib.formats._xlsx import XLSXFormat

        return getattr(XLSXFormat, name)


def defer():
    if find_spec("openpyxl"):  # the condition on which tablib offers XLSX at all
        registry.register("xlsx", DeferredXLSXFormat())
