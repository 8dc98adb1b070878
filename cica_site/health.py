"""Whether the services a request needs answer. Used by /healthz (cica_site/middleware.py).

What failed goes to the log, never to the response: the health check is public.
"""

import logging
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)


def database_ok():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer: %s", error)
        return False


def cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    for alias in ("default", "shared"):
        cache = caches[alias]
        try:
            cache.set(key, "ok", 10)
            answered = cache.get(key) == "ok"
            cache.delete(key)
        except Exception as error:  # Each backend raises its own errors (redis, OSError).
            logger.warning("Health check: the %s cache does not answer: %s", alias, error)
            return False
        if not answered:
            logger.warning("Health check: the %s cache lost what was just stored.", alias)
            return False
    return True
