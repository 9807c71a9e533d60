"""Query helpers that keep a request's query count fixed, whatever the number of things it reports on."""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import F, QuerySet, Value, Window
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import JSONObject, RowNumber


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


@dataclass(frozen=True)
class Rows:
    """The `fields` of every record of `queryset`, in its order, as values_list() gives them: a read that can be
    made on its own or together with others (read_together)."""

    queryset: QuerySet
    fields: tuple

    def read(self):
        return list(self.queryset.values_list(*self.fields))

    @cached_property
    def model_fields(self):
        """The model field behind each of `fields` ("category__slug": the category's slug; a relation: the field
        its values are, its target's key)."""
        found = []
        for path in self.fields:
            model, field = self.queryset.model, None
            for name in path.split(LOOKUP_SEP):
                field = model._meta.pk if name == "pk" else model._meta.get_field(name)
                model = field.related_model or model
            found.append(field.target_field if field.is_relation else field)
        return found

    def travels_as_json(self):
        try:
            return all(field.get_internal_type() in JSON_SAFE for field in self.model_fields)
        except FieldDoesNotExist:  # an annotation
            return False

    def as_json(self, number):
        """This read as one part of read_together's union: (number, place in this read's order, row as JSON)."""
        queryset = self.queryset
        ordering = queryset.query.order_by or (queryset.model._meta.ordering if queryset.query.default_ordering else ())
        return (
            queryset.order_by()
            .annotate(
                read_number=Value(number),
                # The part's own order: a query of the union may not have one, the window keeps it. The key last, so
                # rows that tie on the ordering come in one order on every database.
                read_place=Window(RowNumber(), order_by=[*ordering, "pk"]),
                read_row=JSONObject(**{f"f{index}": F(path) for index, path in enumerate(self.fields)}),
            )
            .values_list("read_number", "read_place", "read_row")
        )

    def from_json(self, row):
        return tuple(
            None if (value := row[f"f{index}"]) is None else field.to_python(value)
            for index, field in enumerate(self.model_fields)
        )


# Column types whose values come back from a JSON object as they went in, on SQLite and PostgreSQL alike: text and
# whole numbers unchanged, dates as ISO text that the field's to_python reads back. Not among them: date-times
# (their text differs by database and time zone), decimals (they would come back as floats), JSON and booleans.
JSON_SAFE = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "CharField",
    "SlugField",
    "TextField",
    "DateField",
}


def read_together(reads):
    """{name: rows} for {name: Rows}: what each read alone gives, in one query for all whose columns travel through
    JSON unchanged (a UNION ALL of one JSON object per row), and one query for each of the others.

    A response that shows a dozen small tables and their relations so costs a fixed couple of queries rather than
    one or two per table."""
    names = list(reads)
    combined = [name for name in names if reads[name].travels_as_json()]
    found = {name: reads[name].read() for name in names if name not in combined}
    if combined:
        parts = [reads[name].as_json(number) for number, name in enumerate(combined)]
        found |= {name: [] for name in combined}
        for number, _place, row in parts[0].union(*parts[1:], all=True).order_by("read_number", "read_place"):
            name = combined[number]
            found[name].append(reads[name].from_json(row))
    return {name: found[name] for name in names}
