import functools
import inspect
import itertools
import re

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.urls import Resolver404, get_resolver, resolve

# --- Every page and endpoint, discovered from the URL conf so that new ones are covered without editing tests ---

PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Handled separately: the admin needs a login (see test_hostile_input's admin cases).
SKIPPED_PREFIXES = ("/admin/",)


def url_templates():
    """'/skills/<slug>/'-style templates of every routed URL outside the admin, without duplicates."""
    templates = set()
    for _view, regex, _namespace, _name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        template = simplify_regex(regex).replace("\\.", ".")
        if not template.startswith(SKIPPED_PREFIXES):
            templates.add(PARAM.sub(lambda match: "<" + match.group(1) + ">", template))
    return sorted(templates)


def candidate_values():
    """Real identifiers from the seed data, so that detail pages are reached with values that exist."""
    from django.apps import apps

    slugs = []
    for model in apps.get_models():
        if any(field.name == "slug" for field in model._meta.fields) and not model.__name__.startswith("Historical"):
            slugs += list(model.objects.order_by("pk").values_list("slug", flat=True)[:2])
    return {"format": ["json"], "number": ["1", "2"], "slug": list(dict.fromkeys(slugs + ["skills", "cities"]))}


def values_for(name, candidates):
    if name == "format":
        return candidates["format"]
    if name in ("order", "level", "pk", "id"):
        return candidates["number"]
    return candidates["slug"] + candidates["number"]


def fill(template, values):
    names = PARAM.findall(template)
    path = template
    for name, value in zip(names, values, strict=False):
        path = path.replace(f"<{name}>", value, 1)
    return path


def concrete_url(client, template, candidates, budget=80):
    """The first filling of the template's parameters that the site answers with 200 (else the first that routes)."""
    names = PARAM.findall(template)
    if not names:
        return template
    first = None
    for values in itertools.islice(itertools.product(*(values_for(name, candidates) for name in names)), budget):
        path = fill(template, values)
        try:
            resolve(path)
        except Resolver404:
            continue
        first = first or path
        if client.get(path, REMOTE_ADDR="10.255.0.1").status_code == 200:
            return path
    return first or fill(template, ["x"] * len(names))


@pytest.fixture(scope="session")
def site_urls(django_db_setup, django_db_blocker):
    """[(template, a concrete URL that works)] for every page and endpoint."""
    from django.core.cache import cache
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client(raise_request_exception=False)
        candidates = candidate_values()
        urls = [(template, concrete_url(client, template, candidates)) for template in url_templates()]
        cache.clear()
    return urls


GET_PARAMETER = re.compile(r"GET\.(?:get|getlist)\(\s*[\"'](\w[\w-]*)[\"']")
# Read by every page or endpoint whatever its view: pagination, language, format negotiation.
COMMON_PARAMETERS = {"page", "page_size", "lang", "format"}


@functools.cache
def api_schema_parameters():
    """{'/api/v1/skills/{slug}/': {'q', ...}} from the OpenAPI schema the API publishes."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: {
            p["name"]
            for operation in operations.values()
            for p in operation.get("parameters", [])
            if p["in"] == "query"
        }
        for path, operations in schema["paths"].items()
    }


def query_parameters(template, url):
    """The query parameters one page or endpoint reads: its view module's request.GET look-ups, or its schema."""
    names = set(COMMON_PARAMETERS)
    names |= api_schema_parameters().get(PARAM.sub(lambda match: "{" + match.group(1) + "}", template), set())
    try:
        view = resolve(url).func
    except Resolver404:
        return sorted(names)
    module = inspect.getmodule(getattr(view, "view_class", None) or getattr(view, "cls", None) or view)
    try:
        names |= set(GET_PARAMETER.findall(inspect.getsource(module)))
    except (OSError, TypeError):
        pass
    return sorted(names)


def query_parameter_names():
    """Every query parameter any page or endpoint reads."""
    from pathlib import Path

    from django.conf import settings

    names = set(COMMON_PARAMETERS)
    for source in Path(settings.BASE_DIR).glob("*/*views*.py"):
        names |= set(GET_PARAMETER.findall(source.read_text()))
    for parameters in api_schema_parameters().values():
        names |= parameters
    return sorted(names)


# --- Real browser (make test-browser): Debian's Chromium, kept off the network ---
