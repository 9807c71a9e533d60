"""The API's site-wide endpoints: what data there is and where (meta), the whole set in one download, and the
JSON 404 for any unknown address. Each domain app's own endpoints live in its `api` package."""

from functools import cache

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import renderers, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from core.api.base import ApiViewMixin, CSVRenderer, read_listings
from core.api.schema import LANG
from core.fragments import lazy
from core.queries import CountEach
from core.versioning import data_changed_at, data_version
from skills.api.serializers import SourceSerializer
from skills.api.views import SourceViewSet
from skills.models import Citation, Source


class MetaSerializer(serializers.Serializer):
    data_version = serializers.CharField(help_text="数据版本:任何一次修改都会改变它。")
    last_changed = serializers.DateTimeField(help_text="数据最后一次修改的时间。")
    sources = SourceSerializer(
        many=True, help_text="全部数据的来源文档:发布日期、版权所有者、使用条件、版权说明原文、原始网址与获取日期。"
    )
    rights = serializers.CharField(help_text="使用这些数据前须知:哪些来源说明了版权与使用条件,哪些没有说明。")
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="每种资源的记录数。")
    resources = serializers.DictField(child=serializers.URLField(), help_text="每种资源的列表地址。")
    download = serializers.URLField(help_text="一次下载全部数据(JSON)的地址。")


def rights_note(sources):
    """What a user of the data must know first, from the sources' own rights fields."""
    stated = [f"{source.slug}:{source.rights_statement()}" for source in sources if source.rights_stated]
    silent = [source.slug for source in sources if not source.rights_stated]
    parts = ["各来源文档的版权与使用条件见 sources。", *stated]
    if silent:
        parts.append(f"{'、'.join(silent)} 的原文没有说明版权归属和使用条件。")
    return " ".join(parts)


@cache
def record_counter(resources):
    """Counts of every resource's records in one statement, compiled once per process."""
    return CountEach({name: viewset.queryset for name, viewset, _ in resources})


class Catalogue:
    """A view over every resource the router lists (the router module hands them over as `resources`)."""

    resources = ()  # (name, viewset, basename) as the router registered them
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def listing(self, viewset, shown=False):
        """Every record of `viewset`; `shown`: already as the reader sees them (RowReads.represent)."""
        return self.view(viewset).all_records(shown=shown)

    def view(self, viewset, shared_context=None):
        """A list view of `viewset` for this request; `shared_context`: what several listings of one response share
        (RowReads.shared_context)."""
        return viewset(
            shared_context=shared_context or {},
            request=self.request,
            format_kwarg=None,
            args=(),
            kwargs={},
            action="list",
            data_version=self.data_version,
            language=self.language,
        )

    def meta(self, counts=None, together=None):
        """What MetaSerializer describes, built directly (tests/careerguide/api/test_meta_and_download.py holds
        the two together): its field machinery would cost more than everything meta reads. `together`: as in
        RowReads.all_records."""
        # The sources as their own listing shows them: kept until the next edit like it, and in the bulk download
        # read with every other listing.
        records = self.view(SourceViewSet).all_records(together=together)
        sources = [Source(slug=row["slug"], rights_holder=row["rights_holder"], terms=row["terms"]) for row in records]
        # Every resource's list is the router's prefix under the API's root: one reverse() instead of one each.
        root = reverse("api:root", request=self.request)
        return {
            "data_version": data_version(self.request),
            "last_changed": MetaSerializer._declared_fields["last_changed"].to_representation(data_changed_at()),
            "sources": records,
            "rights": rights_note(sources),
            "counts": counts or record_counter(tuple(self.resources))(),
            "resources": {name: f"{root}{name}/" for name, _, _ in self.resources},
            "download": reverse("api:download", request=self.request),
        }


@extend_schema(summary="数据版本与来源", parameters=[LANG], responses=MetaSerializer)
class MetaView(Catalogue, ApiViewMixin, APIView):
    """Whether a client's copy is stale: the data version, when the data last changed, the sources and dates."""

    def get(self, request):
        return Response(self.meta())


class BulkSchema(AutoSchema):
    def get_response_serializers(self):
        fields = {name: viewset.serializer_class(many=True) for name, viewset, _ in self.view.resources}
        return inline_serializer("BulkDownload", fields={"meta": MetaSerializer(), **fields})


@extend_schema(summary="下载全部数据(JSON)", parameters=[LANG])
class BulkDownloadView(Catalogue, ApiViewMixin, APIView):
    """The whole data set in one response, as O*NET and ESCO offer: every resource unpaginated, plus meta."""

    schema = BulkSchema()

    def get(self, request):
        # Read only if a listing has to be built: every citation of every listing in one query, and the rows of
        # every listing and of what each shows together (read_listings).
        shared = {"citations": lazy(Citation.objects.by_record)}
        views = {name: self.view(viewset, shared_context=shared) for name, viewset, _ in self.resources}
        together = lazy(read_listings, [view for view in views.values() if view.reads_rows()])
        listings = {name: view.all_records(shown=True, together=together) for name, view in views.items()}
        counts = {name: len(items) for name, items in listings.items()}
        return Response({"meta": self.meta(counts, together), **listings})


# A spreadsheet has no meta block: every CSV row carries, in its last column, the rights and terms of the
# documents that row cites, so whoever copies a row copies its terms with it.
RIGHTS_COLUMN = "版权与使用条件"


def cited_sources(value):
    """Slugs of every source cited anywhere in one serialized record (its citations, its levels' and so on)."""
    if isinstance(value, dict):
        found = [value["source"]] if isinstance(value.get("source"), str) and "quote" in value else []
        return found + [slug for item in value.values() for slug in cited_sources(item)]
    if isinstance(value, list):
        return [slug for item in value for slug in cited_sources(item)]
    return []


def rights_of(row, rights):
    slugs = sorted(
        set(cited_sources(row)) | ({row["slug"]} if row.get("slug") in rights and "rights" in row else set())
    )
    return " | ".join(rights[slug] for slug in slugs if slug in rights)


class CSVFirst(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema(
    summary="下载一种资源(CSV)",
    parameters=[LANG],
    responses={(200, "text/csv"): OpenApiTypes.STR},
    description="每行一条记录;列表与出处等嵌套内容以 JSON 文本写在单元格中。最后一列“版权与使用条件”写明这条记录"
    "所引来源文档的版权所有者和使用条件(原文未说明的也照实写明)。文件以 UTF-8 BOM 开头,Excel 可直接打开。",
)
class CSVDownloadView(Catalogue, ApiViewMixin, APIView):
    renderer_classes = [CSVRenderer, renderers.JSONRenderer]
    content_negotiation_class = CSVFirst

    def get(self, request, resource):
        data = self.listing(next(viewset for name, viewset, _ in self.resources if name == resource))
        rights = {source.slug: f"{source.slug}:{source.rights_statement()}" for source in Source.objects.all()}
        rows = [{**row, RIGHTS_COLUMN: rights_of(row, rights)} for row in data]
        return Response(rows, headers={"Content-Disposition": f'attachment; filename="careerguide-{resource}.csv"'})

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors stay JSON with a message, like everywhere else in the API.
        if response.status_code >= 400:
            request.accepted_renderer, request.accepted_media_type = renderers.JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


@csrf_exempt  # a write to an unknown address is a 404 like any other, not a CSRF failure page
def not_found(request, *args, **kwargs):
    return JsonResponse(
        {"detail": "没有这个 API 地址,请查看 /api/docs/。"}, status=404, json_dumps_params={"ensure_ascii": False}
    )
