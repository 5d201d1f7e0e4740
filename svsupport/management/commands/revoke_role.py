"""Takes a role away from a user: coordinator (Quality and Risk Office) or board."""

from django.core.management.base import BaseCommand

from svsupport.management.commands.grant_role import role_arguments, site_of, user_and_group


class Command(BaseCommand):
    help = (
        "Take the role coordinator or board away from USER (the account itself stays). "
        "Running it again changes nothing. When roles come from directory groups, the next "
        "login sets them again from the directory."
    )

    def add_arguments(self, parser):
        role_arguments(parser)

    def handle(self, username, role, site=None, **options):
        user, group = user_and_group(username, role)
        if site:
            from organisation.models import RoleGrant

            deleted, _rows = RoleGrant.objects.filter(
                user=user, role=role, site=site_of(site)
            ).delete()
            state = "no longer has" if deleted else "does not have"
            self.stdout.write(f"revoke_role: {username} {state} the role {role} at {site}.")
            return
        if not user.groups.filter(pk=group.pk).exists():
            self.stdout.write(f"revoke_role: {username} does not have the role {role}.")
            return
        user.groups.remove(group)
        self.stdout.write(f"revoke_role: {username} no longer has the role {role}.")
