"""Fixed-window counters in Django's cache, for what company people may do only so often."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Limit:
    action: str
    key: str
    count: int
    seconds: int
    message: str

    @property
    def cache_key(self) -> str:
        window = int(time.time()) // self.seconds
        return f"self-service-rate:{self.action}:{self.key}:{window}"


def rate_limits_consume(*limits: Limit) -> None:
    """Count one use against every limit, or raise the first exceeded limit's message.

    Nothing is counted when any limit is exceeded, so a refused attempt does not prolong it.
    """
    for limit in limits:
        if (cache.get(limit.cache_key) or 0) >= limit.count:
            raise ValidationError(limit.message)
    for limit in limits:
        if cache.add(limit.cache_key, 1, timeout=limit.seconds):
            continue
        try:
            cache.incr(limit.cache_key)
        except ValueError:  # expired between add and incr
            cache.add(limit.cache_key, 1, timeout=limit.seconds)
