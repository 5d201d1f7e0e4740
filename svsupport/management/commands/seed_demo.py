"""Loads the demo data. Idempotent; refuses a database that holds real users.

The core knows no app: each app that has demo data contributes it through a `seed_demo(accounts)`
method on its AppConfig, called in INSTALLED_APPS order (sites and departments before the peers
who work there, peers before the requests offered to them). It returns a phrase for the summary;
`demo_summary_position` orders the phrases."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
            users = {username: user for username, (user, _new) in accounts.items()}
            parts = [
                (getattr(config, "demo_summary_position", 0), config.seed_demo(users))
                for config in apps.get_app_configs()
                if hasattr(config, "seed_demo")
            ]
        created = [is_new for _user, is_new in accounts.values()]
        summary = ", ".join(phrase for _position, phrase in sorted(parts, key=lambda p: p[0]))
        self.stdout.write(
            f"seed_demo: {sum(created)} account(s) created, "
            f"{len(created) - sum(created)} already present; {summary}."
        )
        self.stdout.write(f'Demo accounts, all with the password "{DEMO_PASSWORD}":')
        for username, _first, _last, role_label in DEMO_USERS:
            self.stdout.write(f"  {username:<6} {role_label}")
