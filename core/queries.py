"""Query helpers that keep a request's query count fixed, whatever the number of things it reports on."""

from django.db import connections


def count_each(querysets):
    """{name: row count} for several querysets in one SQL statement instead of one COUNT per queryset."""
    if not querysets:
        return {}
    parts, params, alias = [], [], None
    for number, queryset in enumerate(querysets.values()):
        alias = alias or queryset.db
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{number})")
        params.extend(query_params)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
