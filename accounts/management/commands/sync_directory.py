from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.services import directory_accounts_sync


class Command(BaseCommand):
    help = (
        "Deactivates the accounts of LDAP users the directory no longer knows. Never deletes "
        "an account (peers' history stays); changes nothing when the directory cannot be "
        "reached. An account comes back at its next login if the directory knows it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args, dry_run, **options):
        if not settings.LDAP_SERVER_URI:
            raise CommandError("LDAP_SERVER_URI is not set: there is no directory to ask.")
        import ldap

        try:
            gone = directory_accounts_sync(dry_run=dry_run)
        except ldap.LDAPError as error:
            raise CommandError(
                f"The directory could not be asked ({type(error).__name__}); nothing changed."
            ) from None
        for user in gone:
            self.stdout.write(f"gone from the directory: {user.get_username()}")
        verb = "would deactivate" if dry_run else "deactivated"
        self.stdout.write(f"sync_directory: {verb} {len(gone)} account(s).")
