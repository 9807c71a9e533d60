"""What every endpoint of API v1 shares: language, HTTP caching, CSV, the base view classes."""

import csv
import hashlib
import io
import json
import threading
from collections import OrderedDict

from django.urls import get_script_prefix
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import exceptions, renderers, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils import encoders

from core.api.policy import NotModified
from core.chinese import SIMPLIFIED, TRADITIONAL, Shown, display_data
from core.queries import Rows, read_together
from core.spreadsheet import escape_formula
from core.versioning import code_version, data_version

# Short, so a client sees an edit within a minute; revalidating with If-None-Match costs no data query.
MAX_AGE = 60


def requested_language(request):
    """zh-hans or zh-hant, from ?lang= first, then Accept-Language; an unknown ?lang= is a client error."""
    lang = request.query_params.get("lang")
    if lang is not None:
        if lang.lower() not in {SIMPLIFIED, TRADITIONAL}:
            raise exceptions.ValidationError({"lang": [f"不支持的语言“{lang}”,可选 zh-hans 或 zh-hant。"]})
        return lang.lower()
    return header_language(request)


def header_language(request):
    """zh-hans or zh-hant as the Accept-Language header asks (a Django or a DRF request)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            variant = get_supported_language_variant(code)
        except LookupError:
            continue
        # zh-tw and zh-hk fall back to zh-hant through Django's language table.
        return TRADITIONAL if variant == TRADITIONAL else SIMPLIFIED
    return SIMPLIFIED


class ApiViewMixin:
    """ETag, 304 and Cache-Control on reads, Chinese shown as on the pages (Traditional on request), JSON errors.

    The ETag is derived from the data version and the code's digest, so a matching If-None-Match is answered
    before any query runs, and a deploy that changes a representation changes its tag.
    """

    # Read by every endpoint; core.cache adds the FilterSet's and the pagination's parameters.
    cache_parameters = ("lang",)
    # The data version of a read, taken before any of its data (RowReads relies on that order).
    data_version = None
    # The reader's script (requested_language), set with the data version.
    language = SIMPLIFIED

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = requested_language(request)
        if request.method in ("GET", "HEAD"):
            self.data_version = data_version(request)
            self.etag = self.representation_etag(request)
            # Weak comparison, as RFC 9110 asks for If-None-Match: a compressing proxy may have added "W/".
            known = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
            if self.etag in known or "*" in known:
                raise NotModified(self.etag)

    def representation_etag(self, request):
        key = "|".join(
            [
                code_version(),
                self.data_version,
                self.language,
                request.accepted_media_type or "",
                request.get_full_path(),
            ]
        )
        return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'

    def finalize_response(self, request, response, *args, **kwargs):
        language = getattr(self, "language", None) or SIMPLIFIED
        if response.data is not None:
            # Text values with full-width punctuation, in the reader's script; quotes and URLs as they are.
            response.data = display_data(response.data, traditional=language == TRADITIONAL)
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = "zh-Hant" if language == TRADITIONAL else "zh-Hans"
        patch_vary_headers(response, ["Accept-Language"])
        etag = getattr(self, "etag", None)
        if etag and request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


class CSVRenderer(renderers.BaseRenderer):
    """One row per record; nested values (lists, citations) as compact JSON so nothing is lost; no cell a
    spreadsheet would run as a formula (core.spreadsheet)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data]
        if rows and not isinstance(rows[0], dict):
            rows = [{"value": row} for row in rows]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        out = io.StringIO()
        out.write("\ufeff")  # Excel needs the BOM to read UTF-8 Chinese.
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([self.cell(row.get(column)) for column in columns])
        return out.getvalue().encode(self.charset)

    @staticmethod
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, (list, dict)):
            # DRF's encoder, so nested values read as in the JSON answers (decimals, dates …).
            return json.dumps(value, ensure_ascii=False, cls=encoders.JSONEncoder)
        return escape_formula(value)


def url_maker(view_name, request, **samples):
    """What reverse(view_name, kwargs=…, request=request) gives, as a function of those kwargs, from one reverse():
    a list builds its records' URLs without paying for a reverse() each.

    `samples` are valid values of the route's kwargs, in the order the route has them; each must be a whole path
    segment. Only for values reverse() inserts unquoted (slugs, numbers).
    """
    template = reverse(view_name, kwargs=samples, request=request).replace("{", "{{").replace("}", "}}")
    for name, sample in reversed(samples.items()):
        head, found, tail = template.rpartition(f"/{sample}/")
        if not found:
            raise ValueError(f"{sample!r} is not a path segment of {template}")
        template = f"{head}/{{{name}}}/{tail}"
    return template.format


class RecordMemo:
    """Records as the API represents them, per process, under the data version they were read at.

    Lists, single records and the bulk download show the same records again and again between two edits; each is
    built once. Every edit changes the data version in its own transaction, and the version a read uses is taken
    before its data (ApiViewMixin.initial): a record built from data newer than that version is merely fresher
    than needed, never older, and the next edit's readers look under the new version. Only one version's records
    are kept: once readers have moved on to a new version, nobody asks for the old one's again (a read that began
    before the edit and stores its records afterwards only makes the next reader build the new ones again). A
    record is shared by every response that shows it: nothing may change one in place (display_data and the CSV
    download build new objects).
    """

    def __init__(self, size):
        self.size = size
        self.version = None
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, version, keys):
        with self.lock:
            if version != self.version:
                return {}
            found = {key: self.entries[key] for key in keys if key in self.entries}
            for key in found:
                self.entries.move_to_end(key)
        return found

    def set_many(self, version, items):
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.version = version
            for key, record in items.items():
                self.entries[key] = record
                self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


# Room for every record of the guide in both scripts (a few hundred records, a few kB each).
RECORDS = RecordMemo(size=2000)


class RowReads:
    """GET list and retrieve from plain rows, when the serializer can show rows (`row_fields`, `represent_rows`).

    Building a model instance per record and per prefetched relation, and running DRF's field machinery over each,
    cost far more than the data: the serializer reads `values()` rows, and those of the other tables it shows
    (`related_rows`, handed to `represent_rows` as context["related"]), and represents them exactly as its fields
    would (tests/core/api/test_row_reads.py holds them to it). A read first finds which records it shows (their
    primary keys: filtering, ordering and pagination stay DRF's), then takes those already built at this data
    version from RECORDS and builds only the others: a page reads each table on its own, a whole listing (the
    downloads) reads its tables together (core.queries.read_together), and the bulk download all of its listings'
    tables together (read_listings). Writes stay DRF's.
    """

    # What a read of several resources at once hands every serializer (the bulk download: every citation).
    shared_context = {}

    def reads_rows(self):
        return hasattr(self.get_serializer_class(), "represent_rows")

    def reads(self, records, pks):
        """What showing `records` (a queryset) reads, as Rows: their own rows ("records") and those of the other
        tables the serializer shows; `pks`: their keys, or a queryset of them."""
        serializer = self.get_serializer_class()
        # A serializer that shows nothing of other tables has no related_rows.
        related = serializer.related_rows(pks) if hasattr(serializer, "related_rows") else {}
        return {"records": Rows(records.prefetch_related(None), serializer.row_fields), **related}

    def rows_of(self, found):
        """(the records' rows as dicts, the related rows by name) from what `reads` read."""
        related = dict(found)
        fields = self.get_serializer_class().row_fields
        return [dict(zip(fields, row, strict=True)) for row in related.pop("records")], related

    def memo_scope(self):
        # A record's links are absolute: one built for another host or script prefix is another record.
        request = self.request
        return (self.get_serializer_class(), request.build_absolute_uri(get_script_prefix()))

    def represent(self, queryset, pks, read=None, shown=False):
        """The records `pks` of `queryset`, in that order (`read`: their rows and related rows, when they were
        already read). `shown`: as this reader sees them (display_data, in their script), marked so that the
        response's own display pass skips them: walking every string of every record was most of what a list cost
        once its records were built."""
        if shown:
            traditional = self.language == TRADITIONAL
            return self.memoised(
                pks,
                ("shown", traditional),
                lambda missing: [
                    Shown(display_data(record, traditional)) for record in self.represent(queryset, missing, read)
                ],
            )
        return self.memoised(pks, "record", lambda missing: self.build(queryset, missing, read))

    def memoised(self, pks, kind, build):
        """What build(pks) gives for each of `pks`, taken from RECORDS where this data version has it."""
        scope = self.memo_scope()
        keys = {pk: (scope, kind, pk) for pk in pks}
        found = RECORDS.get_many(self.data_version, keys.values()) if self.data_version else {}
        records = {pk: found[key] for pk, key in keys.items() if key in found}
        missing = [pk for pk in pks if pk not in records]
        if missing:
            built = dict(zip(missing, build(missing), strict=True))
            records.update(built)
            if self.data_version:
                RECORDS.set_many(self.data_version, {keys[pk]: record for pk, record in built.items()})
        return [records[pk] for pk in pks]

    def build(self, queryset, pks, read=None):
        if read is None:
            # Each table on its own: a page stays within the budget that way, and compiling the union would cost
            # it about a fifth more CPU after an edit (bench/cpu.py).
            read = self.rows_of(
                {name: rows.read() for name, rows in self.reads(queryset.filter(pk__in=pks), pks).items()}
            )
        rows, related = read
        wanted = set(pks)
        by_pk = {row["pk"]: row for row in rows if row["pk"] in wanted}
        rows = [by_pk[pk] for pk in pks]
        return self.get_serializer_class().represent_rows(
            rows, {**self.get_serializer_context(), **self.shared_context, "related": related}
        )

    def list(self, request, *args, **kwargs):
        if not self.reads_rows():
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        pks = queryset.values_list("pk", flat=True)
        page = self.paginate_queryset(pks)
        if page is not None:
            return self.get_paginated_response(self.represent(queryset, page, shown=True))
        return Response(self.represent(queryset, list(pks), shown=True))

    def retrieve(self, request, *args, **kwargs):
        if not self.reads_rows():
            return super().retrieve(request, *args, **kwargs)
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        pk = get_object_or_404(
            queryset.values_list("pk", flat=True), **{self.lookup_field: self.kwargs[lookup_url_kwarg]}
        )
        # The project's permissions decide by model and method, never by record: a read passes them as it would.
        self.check_object_permissions(request, pk)
        return Response(self.represent(queryset, [pk], shown=True)[0])

    def reads_of_all(self):
        """What a listing of every record reads (`reads`)."""
        queryset = self.get_queryset()
        return self.reads(queryset, queryset)

    def all_records(self, shown=False, together=None):
        """Every record, unfiltered and unpaginated, as the list shows each (the bulk download); `shown` as in
        `represent`, for a view whose language is set. `together`: what read_listings read for this viewset and
        others, looked up instead of reading."""
        # The whole list is kept like each record, so a read of it again before the next edit costs no query.
        return self.memoised(["*"], ("all", shown and self.language), lambda _: [self.read_all(shown, together)])[0]

    def read_all(self, shown, together=None):
        if not self.reads_rows():
            # A plain list: DRF's ReturnList would keep the serializer, and its model instances, in the memo.
            return list(self.get_serializer(self.get_queryset(), many=True).data)
        found = together.get(type(self)) if together is not None else None
        rows, related = self.rows_of(found or read_together(self.reads_of_all()))
        return self.represent(None, [row["pk"] for row in rows], (rows, related), shown=shown)


def read_listings(views):
    """{viewset: what its listing of every record reads} for RowReads views of several viewsets, read together: a
    response that shows a dozen listings costs a few queries, not a few per listing."""
    reads = {(type(view), name): rows for view in views for name, rows in view.reads_of_all().items()}
    listings = {type(view): {} for view in views}
    for (viewset, name), rows in read_together(reads).items():
        listings[viewset][name] = rows
    return listings


class ReadOnlyViewSet(ApiViewMixin, RowReads, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"


class EditableViewSet(ApiViewMixin, RowReads, viewsets.ModelViewSet):
    """Anyone reads; writing needs a token and the matching model permission (the project default)."""

    lookup_field = "slug"
