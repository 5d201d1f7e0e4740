"""Times /dashboard/ against /healthz on a database of 100,000 requests and 300,000
meetings (bulk-created here, never in the test suite). Run against a scratch database:

    DATABASE_URL=postgres://.../svsupport_figures_perf DEBUG=true \
        .venv/bin/python scripts/measure_figures.py
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svsupport.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from support_requests.models import Meeting, SupportRequest  # noqa: E402
from svsupport.lib import roles  # noqa: E402

REQUESTS, MEETINGS = 100_000, 300_000


def fill():
    if SupportRequest.objects.count() >= REQUESTS:
        return
    rng = random.Random(6)  # noqa: S311  (fake data, not security)
    now = timezone.now()
    batch = []
    for index in range(REQUESTS):
        created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 5))
        purged = index % 2 == 0
        batch.append(
            SupportRequest(
                contact_method="phone",
                situation=rng.choice(["adverse_event", "near_miss", "difficult", ""]),
                created_at=created,
                month=timezone.localdate(created).replace(day=1),
                status="closed",
                accepted_at=None if purged else created + timedelta(minutes=rng.randint(1, 600)),
                first_contact_at=None
                if purged
                else created + timedelta(minutes=rng.randint(5, 3000)),
                minutes_to_accept=rng.randint(1, 600) if purged else None,
                minutes_to_first_contact=rng.randint(5, 3000) if purged else None,
                meetings_count=3 if purged else 0,
                purged_at=now if purged else None,
                close_outcome=rng.choice(["closed", "psychological", "human_resources", ""]),
                went_to_dispatch=rng.random() < 0.1,
            )
        )
    SupportRequest.objects.bulk_create(batch, batch_size=5000)
    live = list(
        SupportRequest.objects.filter(purged_at__isnull=True).values_list("pk", "created_at")
    )
    meetings = [
        Meeting(support_request_id=pk, held_on=created.date(), duration="15_30", modality="phone",
                outcome="closed")
        for pk, created in live for _ in range(MEETINGS // len(live))
    ]  # fmt: skip
    Meeting.objects.bulk_create(meetings, batch_size=10000)


def timed(client, url, runs=20):
    client.get(url)
    started = time.perf_counter()
    for _ in range(runs):
        assert client.get(url).status_code == 200
    return (time.perf_counter() - started) / runs * 1000


def main():
    call_command("migrate", verbosity=0)
    fill()
    user, _ = User.objects.get_or_create(username="perf-coordinator")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS_GROUP)[0])
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get("/dashboard/")
    print(f"requests={SupportRequest.objects.count()} meetings={Meeting.objects.count()}")
    print(f"dashboard queries: {len(queries.captured_queries)}")
    healthz = timed(client, "/healthz")
    dashboard = timed(client, "/dashboard/")
    report = timed(client, "/dashboard/report/")
    print(f"/healthz {healthz:.1f} ms, /dashboard/ {dashboard:.1f} ms, report {report:.1f} ms")
    print(f"dashboard / healthz = {dashboard / healthz:.0f}x")


if __name__ == "__main__":
    main()
