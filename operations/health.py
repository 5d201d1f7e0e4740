"""Liveness and readiness checks. Each check returns True when healthy and never raises for
an expected failure; the views and `manage.py healthcheck` show only the names of failing
checks, never an error text."""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from operations.models import last_run
from svsupport.lib.jobs import CLOCK

_migrations_applied = False


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def migrations():
    """Every migration on disk is applied. Once true it stays true for the process's life
    (a new release restarts the processes), so the loader runs once."""
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return False
        _migrations_applied = not plan
    return _migrations_applied


def clock(now=None):
    """The clock (`manage.py tick`) finished a run within CLOCK_STALE_MINUTES."""
    try:
        last = last_run(CLOCK)
    except DatabaseError:
        return False
    now = now or timezone.now()
    return last is not None and now - last <= timedelta(minutes=settings.CLOCK_STALE_MINUTES)


LIVENESS = {"database": database}
# The merger of the database mail queue adds its check here, e.g. "mail": mail_queue_ok.
READINESS = {"database": database, "migrations": migrations, "clock": clock}


def failing(checks):
    """Names of the failing checks, in order; stops at a database failure (the rest
    would only repeat it)."""
    failed = []
    for name, check in checks.items():
        if not check():
            failed.append(name)
            if name == "database":
                break
    return failed
