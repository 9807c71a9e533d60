"""tablib's XLSX format stands in the registry deferred, and behaves as tablib's own."""

import io

import tablib
from tablib.formats import registry
from tablib.formats._xlsx import XLSXFormat

from core.xlsx import DeferredXLSXFormat


def test_it_is_the_xlsx_format_tablib_hands_out():
    assert isinstance(registry.get_format("xlsx"), DeferredXLSXFormat)


def test_it_writes_and_reads_what_tablibs_own_format_does():
    dataset = tablib.Dataset(["沟通能力", "倾听、表达", None], headers=["名称", "说明", "空"], title="技能")
    written = dataset.export("xlsx")
    read = tablib.Dataset().load(written, format="xlsx")
    assert read.headers == dataset.headers
    assert list(read) == list(dataset)
    assert registry.get_format("xlsx").detect(io.BytesIO(written)) is XLSXFormat.detect(io.BytesIO(written)) is True
