"""Rendered pieces of pages kept in the shared cache under the data version.

A page's content changes only when the guide's data does, so a fragment rendered once serves every reader until
the next edit: its key carries the data version (read before the view runs, so a fragment can never hold data
older than its key), the reader's script and whatever else the template names as varying. An edit moves the
version, and the next reader renders afresh; the old entries are never read again and expire.

A fragment inside the `{% zh %}` pass is stored as shown (full-width punctuation, and for 繁體 in Taiwan
Traditional script), so a hit costs one cache read and no conversion. The pass leaves a placeholder where each
fragment goes and puts the fragments back after converting the rest of the page.
"""

import hashlib
import re
import secrets
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from core.chinese import display_html, wants_traditional
from core.models import DataVersion
from core.versioning import code_version

KEY_PREFIX = "fragment"
# The placeholder is markup, so the conversion passes over it; the secret makes sure no text a reader typed (a
# search, echoed on the page) can pass for one.
_SECRET = secrets.token_hex(8)
_PLACEHOLDER = re.compile(f"<!--fragment:{_SECRET}:(\\d+)-->")
_SHOWN_PARTS = "_shown_fragments"
# Where the data version goes in the key of a fragment kept for its content: no version token looks like it.
BY_CONTENT = "content"


class DataVersionMiddleware:
    """Reads the data version once, before the view reads any data, for the fragments and the response cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            request.data_version = DataVersion.current_token()
        return self.get_response(request)


def lazy(function, *args, **kwargs):
    """A value for a template that reads it only inside a fragment: computed on a miss, at most once, and on a
    hit never (no query)."""
    return SimpleLazyObject(partial(function, *args, **kwargs))


def lazy_values(function, *names):
    """{name: lazy value} for each named entry of the dict `function()` returns: a view whose values come from
    one computation. The function runs once, when the first of them is read."""
    values = lazy(function)
    return {name: lazy(lambda name=name: values[name]) for name in names}


def fragment_seconds():
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def render_shown(nodelist, context):
    """A template's nodes as the reader sees them (core.chinese.display_html), the fragments among them put in
    as they were stored."""
    with context.push({_SHOWN_PARTS: []}):
        html = nodelist.render(context)
        parts = context[_SHOWN_PARTS]
    shown = display_html(html, traditional=wants_traditional())
    return _PLACEHOLDER.sub(lambda match: parts[int(match.group(1))], shown) if parts else shown


def render_fragment(nodelist, context, name, vary, *, by_content=False):
    """A fragment from the cache, or rendered and stored. Without a data version (a page rendered outside a
    request, a POST) or with the cache turned off, it is simply rendered.

    `by_content`: `vary` holds everything the fragment shows, so it is kept across data versions: after an edit
    the first reader does not render again what the edit did not touch."""
    shown = context.get(_SHOWN_PARTS)
    request = context.get("request")
    version = getattr(request, "data_version", None)
    if version is None or not fragment_seconds():
        html = render_shown(nodelist, context) if shown is not None else nodelist.render(context)
    else:
        key = _key(BY_CONTENT if by_content else version, name, vary, shown is not None)
        html = _cached(nodelist, context, key, shown is not None)
    if shown is None:
        return html
    shown.append(html)
    return f"<!--fragment:{_SECRET}:{len(shown) - 1}-->"


def _cached(nodelist, context, key, as_shown):
    html = cache.get(key)
    if html is None:
        html = render_shown(nodelist, context) if as_shown else nodelist.render(context)
        cache.set(key, html, fragment_seconds())
    return html


def _key(version, name, vary, as_shown):
    script = "hant" if wants_traditional() else "hans"
    digest = hashlib.sha256("\n".join(map(str, vary)).encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{code_version()}:{version}:{name}:{script}:{int(as_shown)}:{digest}"
