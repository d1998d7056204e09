"""Rate limits shared by every server process.

By default the counts live in the database (`RateCounter`), raised with a single
`UPDATE … SET count = count + 1`, which is atomic on SQLite and PostgreSQL, unlike
Django's database cache whose `incr` reads and then writes. With `MAEUL_REDIS_URL` set
the counts live in Redis, whose INCR is atomic too.
"""

import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.functional import Promise

from maeul.core.errors import RuleViolation
from maeul.core.models import RateCounter

HOUR = 3600


def hit(key: str, *, window: int, allowed: int) -> bool:
    """Count one event under `key`; False when `allowed` events already happened this window."""
    start = int(time.time()) // window * window
    if settings.REDIS_URL:
        return _hit_cache(f"rl:{key}:{window}:{start}", window, allowed)
    return _hit_database(key[:200], start, window) <= allowed


def refuse_over_limit(
    key: str,
    *,
    allowed: int,
    message: str | Promise,
    window: int = HOUR,
    code: str = "rate_limited",
) -> None:
    """Count one event under `key` (see `hit`); refuse it with `message` when `allowed`
    events already happened this window (by default the hour)."""
    if not hit(key, window=window, allowed=allowed):
        raise RuleViolation(message, code=code)


def _hit_cache(bucket: str, window: int, allowed: int) -> bool:
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the bucket expired between add and incr
        cache.set(bucket, 1, timeout=window)
        count = 1
    return int(count) <= allowed


def _hit_database(key: str, start: int, window: int) -> int:
    counter = RateCounter.objects.filter(key=key, window=start)
    with transaction.atomic():
        if not counter.update(count=F("count") + 1):
            expires = datetime.fromtimestamp(start + window, tz=UTC) + timedelta(seconds=1)
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=start, count=1, expires_at=expires)
            except IntegrityError:  # another process created it first: count on top of theirs
                counter.update(count=F("count") + 1)
            else:
                RateCounter.objects.filter(key=key, expires_at__lt=datetime.now(tz=UTC)).delete()
        return counter.values_list("count", flat=True).get()
