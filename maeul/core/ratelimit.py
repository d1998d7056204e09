"""Rate limits counted in the shared cache, so every server process sees the same counts."""

from django.core.cache import cache


def hit(key: str, *, window: int, allowed: int) -> bool:
    """Count one event under `key`; False when `allowed` events already happened in `window` s.

    `cache.add` and `cache.incr` are atomic on the database and Redis caches, so two
    processes counting at once never both slip under the limit.
    """
    bucket = f"rl:{key}:{window}"
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the bucket expired between add and incr
        cache.set(bucket, 1, timeout=window)
        count = 1
    return count <= allowed
