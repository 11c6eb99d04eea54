"""What waits for an officer, for the console's menu: the queues page's two counts
(`web.officer.queues.waiting_applications` and `waiting_certificates`, the same querysets)
read in one SQL statement, so every officer page pays one query for its menu."""

from __future__ import annotations

from typing import Any

from django.db import connection

from web.officer.queues import waiting_applications, waiting_certificates


def waiting_counts(province_id: int | None) -> dict[str, int]:
    """{"officer_home": applications + certificates waiting in the province (None: all)}."""
    parts = []
    params: list[Any] = []
    for queryset in (waiting_applications(province_id), waiting_certificates(province_id)):
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS waiting)")
        params.extend(part_params)
    # Both subqueries are Django's own SQL with their parameters kept apart.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {' + '.join(parts)}", params)
        row = cursor.fetchone()
    return {"officer_home": int(row[0]) if row else 0}
