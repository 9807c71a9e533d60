"""What every FilterSet of the API and the pages shares."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend


class StrictFilterSet(django_filters.FilterSet):
    """`?region=` with nothing after it is a client mistake, not "no filter": the schema offers no empty choice."""

    def is_valid(self):
        valid = super().is_valid()
        empty = [
            name
            for name, spec in self.filters.items()
            if not isinstance(spec, django_filters.CharFilter) and self.data.get(name) == ""
        ]
        for name in empty:
            self.form.add_error(name, "不能为空;不需要这个条件时请省略该参数。")
        return valid and not empty


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that a request naming none of the FilterSet's parameters is not filtered:
    the FilterSet would be built, bound and validated only to apply nothing, and building it (a form, deep copies
    of every filter) was a large part of what an unfiltered list cost."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not self.asks_for_filtering(request, filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def asks_for_filtering(request, filterset_class):
        filters = filterset_class.base_filters
        if any(spec.extra.get("required") for spec in filters.values()):
            return True
        # A filter whose widget reads several parameters names them after itself (price_min, date_after …).
        return any(key == name or key.startswith(f"{name}_") for key in request.query_params for name in filters)
