"""Reporting a broken dependency (database, cache) once per cause and interval, not once per request.

During an outage every request fails the same way: thousands of identical tracebacks a minute bury the first one
and fill the disk. The first occurrence of a cause is logged in full; repeats within the interval are only
counted, and the count is reported with the next occurrence after the interval.
"""

import logging
import threading
import time

logger = logging.getLogger("careerguide.outage")

INTERVAL_SECONDS = 60
_lock = threading.Lock()
_last_logged = {}  # cause -> (monotonic time of the last log line, occurrences suppressed since)


def cause_of(error):
    """What makes two failures the same: the exception's class and the first line of its message."""
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__module__}.{type(error).__qualname__}: {first_line[:200]}"


def should_log(cause, now=None):
    """True for the first occurrence of a cause in each interval; returns (log it?, repeats suppressed before)."""
    now = time.monotonic() if now is None else now
    with _lock:
        last, suppressed = _last_logged.get(cause, (None, 0))
        if last is not None and now - last < INTERVAL_SECONDS:
            _last_logged[cause] = (last, suppressed + 1)
            return False, suppressed + 1
        _last_logged[cause] = (now, 0)
        return True, suppressed


def report(what, error, level=logging.ERROR, exc_info=True):
    """Log `what` failed with `error`, unless the same cause was logged less than INTERVAL_SECONDS ago."""
    log_it, suppressed = should_log(f"{what}|{cause_of(error)}")
    if log_it:
        repeats = f" ({suppressed} more since the last report)" if suppressed else ""
        logger.log(
            level,
            "%s unavailable: %s%s; further occurrences are logged at most once every %s s",
            what,
            cause_of(error),
            repeats,
            INTERVAL_SECONDS,
            exc_info=error if exc_info else None,
        )


def forget():
    """Start afresh (tests)."""
    with _lock:
        _last_logged.clear()


class OncePerCauseFilter(logging.Filter):
    """On django.request: a request that failed because a dependency is down is reported by core.outage, once per
    cause and interval, instead of as one traceback per request. Every other error passes unchanged."""

    def filter(self, record):
        from core.errors import UNAVAILABLE_ERRORS, is_lock_conflict

        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, UNAVAILABLE_ERRORS) or is_lock_conflict(error):
            return True
        report("database", error)
        return False
