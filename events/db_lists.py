"""A long list of values as ONE query parameter, for ``WHERE column IN (...)``.

Building a 2,000-item IN list through the ORM (a placeholder per value, each value
adapted and then bound by the driver) costs more than running the query. Here the
list is one parameter: an array on PostgreSQL (``= ANY(%s)``), a JSON text read by
``json_each`` on SQLite.
"""

from __future__ import annotations

import json

from django.db import connections, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL


def list_condition(column: str, values, *, integer: bool, connection) -> tuple[str, tuple]:
    """SQL (and its one parameter) saying that the SQL expression ``column`` is one
    of ``values`` (integers, or text)."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::{'bigint' if integer else 'text'}[])", (values,)
    return f"{column} IN (SELECT value FROM json_each(%s))", (json.dumps(values),)


def one_of(model, field_name: str, values, *, using: str = "default") -> RawSQL:
    """A filter: ``model``'s ``field_name`` is one of ``values``."""
    connection = connections[using]
    field = model._meta.get_field(field_name)
    target = field.target_field if field.is_relation else field
    quote = connection.ops.quote_name
    sql, params = list_condition(
        f"{quote(model._meta.db_table)}.{quote(field.column)}",
        values,
        integer=isinstance(target, models.IntegerField),
        connection=connection,
    )
    return RawSQL(sql, params, output_field=BooleanField())
