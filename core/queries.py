"""Query helpers that keep a request's query count fixed, whatever the number of things it reports on."""

from django.db import connections


def count_each(querysets):
    """{name: row count} for several querysets in one SQL statement instead of one COUNT per queryset."""
    return CountEach(querysets)()


class CountEach:
    """count_each, compiled once: for querysets that stay the same for the life of the process (a view's
    class-level querysets), the statement is compiled on first use and afterwards only run, since compiling a
    dozen queries costs several times what running them does."""

    def __init__(self, querysets):
        self.names = list(querysets)
        self.querysets = querysets
        self.statement = None

    def compile(self):
        parts, params, alias = [], [], None
        for number, queryset in enumerate(self.querysets.values()):
            alias = alias or queryset.db
            sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{number})")
            params.extend(query_params)
        return alias, "SELECT " + ", ".join(parts), params

    def __call__(self):
        if not self.names:
            return {}
        if self.statement is None:
            self.statement = self.compile()
        alias, sql, params = self.statement
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return dict(zip(self.names, row, strict=True))
