"""The API's site-wide endpoints: what data there is and where (meta), the whole set in one download, and the
JSON 404 for any unknown address. Each domain app's own endpoints live in its `api` package."""

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

from core.api.base import ApiViewMixin, CSVRenderer
from core.api.schema import LANG
from core.queries import count_each
from core.versioning import data_changed_at, data_version
from skills.api.serializers import SourceSerializer
from skills.models import Source


class MetaSerializer(serializers.Serializer):
    data_version = serializers.CharField(help_text="数据版本:任何一次修改都会改变它。")
    last_changed = serializers.DateTimeField(help_text="数据最后一次修改的时间。")
    sources = SourceSerializer(many=True, help_text="全部数据的来源文档及其发布日期。")
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="每种资源的记录数。")
    resources = serializers.DictField(child=serializers.URLField(), help_text="每种资源的列表地址。")
    download = serializers.URLField(help_text="一次下载全部数据(JSON)的地址。")


class Catalogue:
    """A view over every resource the router lists (the router module hands them over as `resources`)."""

    resources = ()  # (name, viewset, basename) as the router registered them
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def listing(self, viewset):
        view = viewset(request=self.request, format_kwarg=None, args=(), kwargs={}, action="list")
        return view.get_serializer(view.get_queryset(), many=True).data

    def meta(self, counts=None):
        return {
            "data_version": data_version(),
            "last_changed": data_changed_at(),
            "sources": Source.objects.all(),
            "counts": counts or count_each({name: viewset.queryset for name, viewset, _ in self.resources}),
            "resources": {
                name: reverse(f"api:{basename}-list", request=self.request) for name, _, basename in self.resources
            },
            "download": reverse("api:download", request=self.request),
        }


@extend_schema(summary="数据版本与来源", parameters=[LANG], responses=MetaSerializer)
class MetaView(Catalogue, ApiViewMixin, APIView):
    """Whether a client's copy is stale: the data version, when the data last changed, the sources and dates."""

    def get(self, request):
        return Response(MetaSerializer(self.meta(), context={"request": request}).data)


class BulkSchema(AutoSchema):
    def get_response_serializers(self):
        fields = {name: viewset.serializer_class(many=True) for name, viewset, _ in self.view.resources}
        return inline_serializer("BulkDownload", fields={"meta": MetaSerializer(), **fields})


@extend_schema(summary="下载全部数据(JSON)", parameters=[LANG])
class BulkDownloadView(Catalogue, ApiViewMixin, APIView):
    """The whole data set in one response, as O*NET and ESCO offer: every resource unpaginated, plus meta."""

    schema = BulkSchema()

    def get(self, request):
        listings = {name: self.listing(viewset) for name, viewset, _ in self.resources}
        counts = {name: len(items) for name, items in listings.items()}
        return Response({"meta": MetaSerializer(self.meta(counts), context={"request": request}).data, **listings})


class CSVFirst(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema(
    summary="下载一种资源(CSV)",
    parameters=[LANG],
    responses={(200, "text/csv"): OpenApiTypes.STR},
    description="每行一条记录;列表与出处等嵌套内容以 JSON 文本写在单元格中。文件以 UTF-8 BOM 开头,Excel 可直接打开。",
)
class CSVDownloadView(Catalogue, ApiViewMixin, APIView):
    renderer_classes = [CSVRenderer, renderers.JSONRenderer]
    content_negotiation_class = CSVFirst

    def get(self, request, resource):
        data = self.listing(next(viewset for name, viewset, _ in self.resources if name == resource))
        return Response(data, headers={"Content-Disposition": f'attachment; filename="careerguide-{resource}.csv"'})

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
