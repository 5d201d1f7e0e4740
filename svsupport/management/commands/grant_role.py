"""Gives a user a role: coordinator (Quality and Risk Office) or board."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from svsupport.lib.roles import ROLE_GROUPS


def role_arguments(parser):
    parser.add_argument("username", help="the account's username")
    parser.add_argument("role", choices=sorted(ROLE_GROUPS), help="the role")
    parser.add_argument(
        "--site",
        metavar="CODE",
        help="for this site only (its code); without it, for the whole network",
    )


def site_of(code):
    from organisation.models import Site

    site = Site.objects.current().filter(code=code).first()
    if site is None:
        raise CommandError(f"no site with the code {code}")
    return site


def user_and_group(username, role):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no account with the username {username}")
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    return user, group


class Command(BaseCommand):
    help = (
        "Give USER the role coordinator (member of the Quality and Risk Office group: the "
        "registry, requests dispatch, the pathway, the figures) or board (the figures only), "
        "for the whole network, or with --site CODE for one site. "
        "Running it again changes nothing. Remove a role with revoke_role."
    )

    def add_arguments(self, parser):
        role_arguments(parser)

    def handle(self, username, role, site=None, **options):
        user, group = user_and_group(username, role)
        if site:
            from organisation.models import RoleGrant

            _grant, created = RoleGrant.objects.get_or_create(
                user=user, role=role, site=site_of(site)
            )
            state = "now has" if created else "already has"
            self.stdout.write(f"grant_role: {username} {state} the role {role} at {site}.")
            return
        if user.groups.filter(pk=group.pk).exists():
            self.stdout.write(f"grant_role: {username} already has the role {role}.")
            return
        user.groups.add(group)
        self.stdout.write(f"grant_role: {username} now has the role {role}.")
