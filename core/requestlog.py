"""One log line per request on stderr, without personal data."""

import logging
import re
import time

logger = logging.getLogger("careerguide.requests")

UNPRINTABLE = re.compile(r"[\x00-\x20\x7f-\xa0\u2028\u2029]")
MAX_PATH = 300


def loggable(text):
    """Control characters and spaces escaped, so a crafted path cannot forge or split log lines."""
    text = UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return text if len(text) <= MAX_PATH else text[:MAX_PATH] + "…"


class RequestLogMiddleware:
    """Method, path, status, duration and size — never the query string, client address, cookies or user.

    Query strings can carry what a visitor typed (searches), so only the path is logged. It is the outermost
    middleware, so the status is the one the client really receives, including error pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        elapsed_ms = (time.monotonic() - started) * 1000
        size = "-" if response.streaming else len(response.content)
        logger.info(
            "%s %s %s %.1fms %sB",
            loggable(request.method),
            loggable(request.path),
            response.status_code,
            elapsed_ms,
            size,
        )
        return response
