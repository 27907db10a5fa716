"""Values and HTML that depend only on the reference data, kept in the cache between requests.

The reference data are the bridges, sectors, capabilities and partnership types: staff change
them in the admin a few times a year, yet every directory, calendar and Matches page reads them
to build its filter choices and the wording of match reasons. Everything cached here carries
the version it was computed under, and the version changes whenever one of those rows is saved
or deleted (see bridges/apps.py), so a change shows at once; the timeout only bounds what a
change that skips the model signals (a bulk update in a migration) can leave behind.

The cache is an optimisation, never a dependency: when it cannot be reached, the value is
computed as if nothing were cached and the page still renders.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

VERSION_KEY = "reference-data:version"
TIMEOUT = 15 * 60
CACHE_ERRORS = (RedisError, OSError)

logger = logging.getLogger(__name__)
T = TypeVar("T")


def reference_changed() -> None:
    """Forget everything cached from the reference data: now (so that the writing request and
    its transaction read fresh values) and again once the change is committed (so that a value
    another request computed from the old rows in the meantime is not kept)."""
    _version_bump()
    transaction.on_commit(_version_bump)


def _version_bump() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except CACHE_ERRORS:
        logger.warning("reference cache unreachable: version not changed", exc_info=True)


def _version_start() -> str:
    version = uuid.uuid4().hex
    # add() keeps a version another process set first; read back the one that won.
    cache.add(VERSION_KEY, version, None)
    return cache.get(VERSION_KEY, version)


def _key_for(name: str, parts: Iterable[object]) -> str:
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return f"reference-data:{name}:{digest}"


def cached(name: str, parts: Iterable[object], compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for these key parts under the current reference data;
    ``parts`` must name everything else the value depends on.

    A value is stored with the version it was computed under, so that one round trip reads
    both, and a value computed while staff changed the data is never taken for a fresh one.
    """
    key = _key_for(name, parts)
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _version_start()
    except CACHE_ERRORS:
        logger.warning("reference cache unreachable: computing %s", name, exc_info=True)
        return compute()
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = compute()
    try:
        cache.set(key, (version, value), TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("reference cache unreachable: %s not stored", name, exc_info=True)
    return value
