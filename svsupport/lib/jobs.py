"""Background jobs say when they finish a run; whoever watches them listens. The clock
(support_requests) sends, operations records the heartbeat its readiness check and metrics
read: neither app imports the other, and the core knows neither."""

import zlib

from django.db import connection
from django.dispatch import Signal

CLOCK = "clock"  # the job `manage.py tick` runs

# Sent with `name=` the job's name, once a run is over (failed steps included: they are
# reported on their own).
run_finished = Signal()


def exclusive(name):
    """Holds the lock `name` until the current transaction ends, waiting for any other
    process that holds it: a PostgreSQL advisory lock. Nothing to do on SQLite, which lets
    one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(name.encode())])
