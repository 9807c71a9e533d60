"""What every FilterSet of the API and the pages shares."""

import django_filters


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
