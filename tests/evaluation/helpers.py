"""Look for links between anonymous answers and people in the whole database."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from evaluation.models import (
    FeedbackCount,
    FeedbackInvitation,
    PulseCount,
    PulseParticipation,
)

ANSWER_MODELS = [FeedbackCount, FeedbackInvitation, PulseCount, PulseParticipation]


def every_row_as_text():
    """{table: [row as JSON text]} for every table of the database."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')  # noqa: S608
            rows[table] = [row[0] for row in cursor.fetchall()]
    return rows


def tables_holding(*needles):
    """The tables with a row that holds one of `needles` (as text)."""
    found = set()
    for table, rows in every_row_as_text().items():
        for row in rows:
            if any(needle and str(needle) in row for needle in needles):
                found.add(table)
    return found


def audit_entries_of_answers():
    types = [ContentType.objects.get_for_model(model) for model in ANSWER_MODELS]
    return LogEntry.objects.filter(content_type__in=types)
