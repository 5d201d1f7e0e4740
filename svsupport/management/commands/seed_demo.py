"""Loads the demo accounts. Idempotent; refuses a database that holds real users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from svsupport.lib import roles
from svsupport.lib.demo import DEMO_GROUP, DEMO_PASSWORD, DEMO_USERS

ROLE_GROUPS = {
    "coordinator": [roles.COORDINATORS_GROUP],
    "peer": [roles.PEER_SUPPORTERS_GROUP],
    "staff": [],
}


class Command(BaseCommand):
    help = (
        "Create the demo accounts (password 'demo'). Running it again changes nothing. "
        "Refuses to run on a database that holds users other than the demo ones."
    )

    def handle(self, *args, **options):
        self.refuse_real_data()
        with transaction.atomic():
            created = [self.ensure_user(*row) for row in DEMO_USERS]
        self.stdout.write(
            f"seed_demo: {sum(created)} account(s) created, "
            f"{len(created) - sum(created)} already present."
        )
        self.stdout.write(f'Demo accounts, all with the password "{DEMO_PASSWORD}":')
        for username, _first, _last, role_label, _role in DEMO_USERS:
            self.stdout.write(f"  {username:<6} {role_label}")

    def refuse_real_data(self):
        demo_usernames = {row[0] for row in DEMO_USERS}
        others = get_user_model().objects.exclude(username__in=demo_usernames)
        if others.exists():
            raise CommandError(
                "This database holds accounts that are not demo accounts; "
                "seed_demo only runs on an empty or demo database."
            )

    def ensure_user(self, username, first_name, last_name, _label, role):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        group_names = [DEMO_GROUP, *ROLE_GROUPS[role]]
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in group_names])
        return created
