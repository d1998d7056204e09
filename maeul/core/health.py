"""`GET /health`: is this application host able to serve? For the load balancer and monitoring.

200 `{"status": "ok", "database": "ok", "cache": "ok"}` when one query on the database and
one round trip to the cache (Redis when MAEUL_REDIS_URL is set) succeed; 503 with the part
that failed otherwise. It names no version, no host and no person, needs no sign-in, and
is never cached.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    parts = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not ready"; the log says which
        logger.exception("health: the database did not answer")
        parts["database"] = "failed"
    try:
        cache.set("health:probe", 1, timeout=10)
        if cache.get("health:probe") != 1:
            parts["cache"] = "failed"
    except Exception:
        logger.exception("health: the cache did not answer")
        parts["cache"] = "failed"
    healthy = all(value == "ok" for value in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", **parts}, status=200 if healthy else 503
    )
