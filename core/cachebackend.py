"""A Redis cache that degrades to "no cache" when Redis fails, instead of failing the request.

The cache only accelerates: rendered pages (core.cache) and the API's rate-limit counters. Without it every page
can still be rendered from the database. So an error talking to Redis makes an operation answer as a miss (reads)
or do nothing (writes); the failure is logged once per interval (core.outage); and for RETRY_SECONDS after a
failure Redis is not even tried, so an outage does not add a connection attempt to every request.
While Redis is down the API's rate limit does not count (it has nowhere to count): that is the price of serving.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from core import outage

RETRY_SECONDS = 5


def degrading(fallback):
    """Run the operation against Redis; on a Redis error (or during the pause after one) answer `fallback(...)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.paused():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.failed(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def miss(key, default=None, version=None):
    return default


def nothing(*args, **kwargs):
    return None


def refused(*args, **kwargs):
    return False


def none_stored(data, *args, **kwargs):
    return list(data)


def none_found(*args, **kwargs):
    return {}


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._paused_until = 0.0
        self._pause_lock = threading.Lock()

    def paused(self):
        return time.monotonic() < self._paused_until

    def failed(self, error):
        with self._pause_lock:
            self._paused_until = time.monotonic() + RETRY_SECONDS
        outage.report("cache", error, level=logging.WARNING, exc_info=False)

    def available(self):
        """A real round trip, for /healthz: True when Redis answers now (which also ends a pause early)."""
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self.failed(error)
            return False
        self._paused_until = 0.0
        return True

    get = degrading(miss)(RedisCache.get)
    get_many = degrading(none_found)(RedisCache.get_many)
    has_key = degrading(refused)(RedisCache.has_key)
    set = degrading(nothing)(RedisCache.set)
    add = degrading(refused)(RedisCache.add)
    touch = degrading(refused)(RedisCache.touch)
    set_many = degrading(none_stored)(RedisCache.set_many)
    delete = degrading(refused)(RedisCache.delete)
    delete_many = degrading(nothing)(RedisCache.delete_many)
    clear = degrading(nothing)(RedisCache.clear)
