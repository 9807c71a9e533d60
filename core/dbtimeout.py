"""A bound on how long this process waits for PostgreSQL, even when the server cannot enforce its own.

`statement_timeout` (settings) makes a live but slow server cancel a query, and `connect_timeout` bounds opening a
connection. Neither helps when the server is frozen (stopped, swapping, a network path that drops packets) while
a connection is already open: the server cannot cancel anything, the kernel keeps acknowledging, and the request
— with it a gunicorn thread, whose worker keeps heart-beating — waits forever. psycopg2's wait callback is the
documented hook for waiting on the socket ourselves: here with a deadline, after which the query fails with
OperationalError, which the site answers as its 503.
"""

import select
import time

import psycopg2
from psycopg2 import extensions

POLL_EVENTS = {extensions.POLL_READ: select.POLLIN, extensions.POLL_WRITE: select.POLLOUT}


def waiting_at_most(seconds):
    def wait(conn):
        deadline = time.monotonic() + seconds
        while True:
            state = conn.poll()
            if state == extensions.POLL_OK:
                return
            if state not in POLL_EVENTS:
                raise psycopg2.OperationalError(f"bad state from poll: {state}")
            remaining = deadline - time.monotonic()
            poller = select.poll()
            poller.register(conn.fileno(), POLL_EVENTS[state])
            if remaining <= 0 or not poller.poll(remaining * 1000):
                raise psycopg2.OperationalError(f"the database did not answer within {seconds:g} s")

    return wait


def install(seconds):
    extensions.set_wait_callback(waiting_at_most(seconds))
