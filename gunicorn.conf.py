"""gunicorn settings for production (`make serve-prod`); every value can be overridden from the environment.

The app is CPU-bound Python: processes, not threads, give it more cores. A couple of threads per worker keep a
core busy while one request waits on the database or Redis.
"""

import ctypes
import gc
import multiprocessing
import os

# Loopback only: gunicorn sits behind nginx and must never face clients itself (a few clients trickling request
# bodies would hold every thread). Another address only for a proxy on another host, on a private network.
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"

# Load the app once before forking: workers share its memory and start at once. Django opens database
# connections lazily, so none is shared across the fork.
preload_app = True


def tune_malloc():
    """glibc's allocator, set for a long-lived process that builds pages of tens of KB: one arena (the threads of a
    worker take turns under Python's lock anyway, and each arena of its own would keep memory the others cannot
    use), and blocks from 64 KB up (a page's text, a query's rows) mapped apart and given back when freed instead
    of left in the heap between smaller objects; glibc would otherwise raise that limit to the largest block
    freed so far. Each worker holds 2-4 MB less after serving every page (bench/memory.py), at no measurable CPU
    cost. Nothing changes where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold, m_arena_max = -1, -3, -8  # malloc.h
    mallopt(m_arena_max, 1)
    mallopt(m_mmap_threshold, 64 * 1024)
    mallopt(m_trim_threshold, 128 * 1024)


tune_malloc()  # in the master, before it loads the app: the workers it forks inherit the setting


def pre_fork(server, worker):
    # A worker shares the loaded app with the master only until it writes to a page of it. Python's cycle
    # collector writes into every object it examines, so a worker's first full collection would copy every page
    # holding an object the master made; it never examines frozen objects (private memory per worker 61-67 →
    # 42-46 MB, bench/memory.py). Called before every fork, so a worker started later shares as much.
    gc.freeze()


# A full collection between two requests once the middle generation has been collected this often since the last
# one. Every request leaves garbage in reference cycles (a DRF response and its renderer context, a bound form and
# its fields, model instances and their prefetched relations). The collections that run while a request is still
# going find it alive and pass it on to the oldest generation, which Python examines only after ten collections of
# the middle one, and usually while another request is half built: a worker carried a few MB of it, and the arenas
# it sits in stay allocated. Collected here, it is garbage for certain, and its memory is used again by the next
# request. About one request in 60 pays for a collection (2-3 ms: only what the worker made since the fork, the
# rest is frozen), 0.05 ms a request on average; a worker that has served edits holds 1.5 MB less (bench/memory.py).
FULL_COLLECTION_AFTER = 3


def post_request(worker, req, environ, resp):
    if gc.get_count()[2] >= FULL_COLLECTION_AFTER:
        gc.collect()


# What bounds a request is not this timeout: a gthread worker's main thread keeps heart-beating while a request
# thread waits, so gunicorn never kills it for a slow request. The bounds are the database's (connect and statement
# timeouts, and a client-side deadline for a frozen server: careerguide/settings.py, core/dbtimeout.py), Redis's
# socket timeouts, and nginx for slow clients (it buffers whole requests and responses; gunicorn is never exposed
# directly, see deploy/README.md). This timeout only restarts a worker whose main loop itself hangs.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# nginx keeps upstream connections open; keep ours open a little longer than its idle timeout.
keepalive = 75
# Recycle workers now and then, staggered, so a slow leak never grows without bound.
max_requests = 20000
max_requests_jitter = 2000

# Only the local proxy may say which scheme and client address a request really came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# careerguide.requests already writes one line per request; gunicorn's access log would repeat it.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn's runtime control socket has one fixed path per user: several servers on one machine (scale-out,
# bench) would take it from each other. Nothing here uses it.
control_socket_disable = True
