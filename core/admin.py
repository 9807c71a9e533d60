"""What every admin with history shares."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


def existing_key(field, raw):
    """The primary-key value `raw` stands for, or 404 when no row can have it ('abc', or beyond the column's range):
    django-simple-history's views would pass it to the database and fail with a 500."""
    try:
        value = field.to_python(unquote(raw))
    except ValidationError:
        raise Http404("没有这条记录。") from None
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if isinstance(value, int) and not ((low is None or low <= value) and (high is None or value <= high)):
        raise Http404("没有这条记录。")
    return value


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, answering 404 for an object or version id that cannot exist."""

    def history_view(self, request, object_id, extra_context=None):
        existing_key(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        existing_key(self.model._meta.pk, object_id)
        existing_key(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
