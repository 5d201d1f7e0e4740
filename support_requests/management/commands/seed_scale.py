"""Seeds a benchmark database at network scale (README "Performance"): the demo accounts,
then thousands of peers, staff and requests. Refuses a database with real accounts, and one
already seeded."""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from peers import scale as peers_scale
from support_requests.scale import Seeder
from svsupport.lib.demo import real_accounts


class Command(BaseCommand):
    help = (
        "Fill a demo database to network scale for `make bench`: 10,000 peers and 100,000 "
        "requests by default. Never on a database that holds real accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--peers", type=int, default=10_000)
        parser.add_argument("--staff", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=100_000)
        parser.add_argument(
            "--due-offers",
            type=int,
            default=0,
            help="Offered requests whose offer window has already ended (for the clock).",
        )
        parser.add_argument("--seed", type=int, default=10, help="Random seed (repeatable).")

    def handle(self, *args, **options):
        if real_accounts().exists():
            raise CommandError(
                "This database holds accounts that are not demo accounts; "
                "seed_scale only runs on an empty or demo database."
            )
        if peers_scale.already_seeded():
            raise CommandError("This database is already seeded to scale.")
        started = time.monotonic()
        call_command("seed_demo", stdout=self.stdout)
        rng = random.Random(options["seed"])  # noqa: S311  (repeatable fake data, no secret)
        with transaction.atomic():
            sites, departments = peers_scale.seed_organisation()
            staff = peers_scale.seed_staff(options["staff"], sites, departments, rng)
            peers = peers_scale.seed_peers(options["peers"], sites, departments, rng)
            requests, offers, meetings = Seeder(staff, peers, rng).seed(
                options["requests"], due_offers=options["due_offers"]
            )
        self.stdout.write(
            f"seed_scale: {len(sites)} sites, {len(departments)} departments, "
            f"{len(staff)} staff, {len(peers)} peers, {requests} requests, {offers} offers, "
            f"{meetings} meetings in {time.monotonic() - started:.0f} s."
        )
