"""Loads the demo data. Idempotent; refuses a database that holds real users."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisation import demo as organisation_demo
from peers import demo as peers_demo
from support_requests import demo as requests_demo
from svsupport.lib.demo import DEMO_PASSWORD, DEMO_USERS, demo_user, real_accounts


class Command(BaseCommand):
    help = (
        "Create the demo accounts (password 'demo') and data for every page. Running it "
        "again changes nothing. Refuses to run on a database that holds real accounts."
    )

    def handle(self, *args, **options):
        if real_accounts().exists():
            raise CommandError(
                "This database holds accounts that are not demo accounts; "
                "seed_demo only runs on an empty or demo database."
            )
        with transaction.atomic():
            accounts = {
                username: demo_user(
                    username,
                    first,
                    last,
                    coordinator=username == "quinn",
                    board=username == "bea",
                    privacy_officer=username == "olga",
                )
                for username, first, last, _label in DEMO_USERS
            }
            created = [is_new for _user, is_new in accounts.values()]
            organisation_created = organisation_demo.seed()
            organisation_demo.seed_staff_profiles(
                {username: user for username, (user, _new) in accounts.items()}
            )
            organisation_demo.seed_site_roles(
                {username: user for username, (user, _new) in accounts.items()}
            )
            peers_created = peers_demo.seed()
            requests_created = requests_demo.seed()
        self.stdout.write(
            f"seed_demo: {sum(created)} account(s) created, "
            f"{len(created) - sum(created)} already present; "
            f"{peers_created} peer record(s) and {requests_created} support request(s) created, "
            f"{organisation_created} site(s) and department(s)."
        )
        self.stdout.write(f'Demo accounts, all with the password "{DEMO_PASSWORD}":')
        for username, _first, _last, role_label in DEMO_USERS:
            self.stdout.write(f"  {username:<6} {role_label}")
