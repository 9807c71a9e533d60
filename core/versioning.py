"""The single data version of the whole site (pages and API): bumped by every change to the guide's data.

Connected in CareerguideConfig.ready, so every process that can edit — the web workers, `load_guide`, an import
from the shell — bumps it, not only processes that happened to import the API.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import DataVersion

CONTENT_APPS = {"skills", "progression", "salaries"}
# What decides how a page is rendered: templates, code, compiled translations, and the static files whose
# hashed names the pages carry.
CODE = (".html", ".py", ".mo", ".css", ".js", ".svg")
NOT_CODE = ("staticfiles", "var", "node_modules", "media")


def data_version(request=None):
    """The current token; for a request, the one read when it began (core.fragments.DataVersionMiddleware), so
    everything a response says of the version agrees and the read costs one query per request."""
    return getattr(request, "data_version", None) or DataVersion.current_token()


@cache
def code_version():
    """A digest of the project's templates, code and static files: a deploy that changes how a page is rendered
    must not be answered with pages or fragments the old code rendered (the cache outlives the deploy; the data
    version may not move). The same on every server running the same code, so they share what they store."""
    digest = hashlib.sha256()
    root = settings.BASE_DIR
    folders = [path for path in root.iterdir() if path.is_dir() and not path.name.startswith(".")]
    for folder in sorted(set(folders) - {root / name for name in NOT_CODE}):
        for path in sorted(path for suffix in CODE for path in folder.rglob(f"*{suffix}")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def data_changed_at():
    return DataVersion.current()[1]


def bump_data_version():
    return DataVersion.bump()


def data_edited(sender, **kwargs):
    # A historical record is written by the same save that already bumped the version.
    if sender._meta.app_label not in CONTENT_APPS or hasattr(sender, "instance_type"):
        return
    # Inside the editing transaction: the new token commits (or rolls back) together with the edit.
    DataVersion.bump()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_edited, dispatch_uid=f"careerguide-data-version-{id(signal)}")
