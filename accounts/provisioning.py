"""Provisioning at every directory sign-in: one function for LDAP and OpenID Connect."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import DirectoryAccount
from organisation.models import RoleGrant, Site
from organisation.services import profile_update_from_directory
from svsupport.lib import roles


@dataclass(frozen=True)
class DirectoryEntry:
    """What the directory says about a person. Missing values are blank strings. A role is
    True or False when the directory's groups decide it, None when it stays as granted in
    the app (no group configured for it)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    site: str = ""
    department: str = ""
    profession: str = ""
    coordinator: bool | None = None
    board: bool | None = None
    # Every group the directory names for the person (OIDC group names, LDAP group DNs),
    # for the per-site scopes; None when the directory did not say.
    groups: frozenset | None = None


ROLE_GROUPS = roles.ROLE_GROUPS


@transaction.atomic
def apply_directory_attributes(user, *, source, subject, entry):
    """Update `user` (saved or not) from the directory: names, e-mail, roles from groups,
    and site, department and profession. An account that `sync_directory` deactivated
    because the directory had lost it comes back when the directory knows it again."""
    user.first_name = entry.first_name[:150]
    user.last_name = entry.last_name[:150]
    user.email = entry.email[:254]
    link = DirectoryAccount.objects.filter(user=user).first() if user.pk else None
    if link is not None and link.gone_since is not None:
        user.is_active = True
    user.save()
    for role, group_name in ROLE_GROUPS.items():
        member = getattr(entry, role)
        if member is None:
            continue
        group, _ = Group.objects.get_or_create(name=group_name)
        (user.groups.add if member else user.groups.remove)(group)
    DirectoryAccount.objects.update_or_create(
        user=user,
        defaults={
            "source": source,
            "subject": subject,
            "synced_at": timezone.now(),
            "gone_since": None,
        },
    )
    if entry.groups is not None:
        site_grants_from_directory(user, entry.groups)
    profile_update_from_directory(
        user=user,
        site_name=entry.site,
        department_name=entry.department,
        profession=entry.profession,
    )
    # Role groups and grants read through roles are cached on the user object.
    roles.forget_scopes(user)
    return user


def site_grants_from_directory(user, groups):
    """The per-site scopes the directory's groups give (each site names the group of its
    coordinators and of its board): re-decided at every sign-in, so that leaving the group
    takes the scope away. Grants made in the app are left alone."""
    groups = {group.lower() for group in groups}
    wanted = set()
    for site in Site.objects.current().exclude(
        coordinator_directory_group="", board_directory_group=""
    ):
        for role, group in [
            (RoleGrant.Role.COORDINATOR, site.coordinator_directory_group),
            (RoleGrant.Role.BOARD, site.board_directory_group),
        ]:
            if group and group.lower() in groups:
                wanted.add((role, site.pk))
    from_directory = RoleGrant.objects.filter(user=user, source=RoleGrant.Source.DIRECTORY)
    for grant in from_directory:
        if (grant.role, grant.site_id) not in wanted:
            grant.delete()
    held = set(RoleGrant.objects.filter(user=user).values_list("role", "site_id"))
    for role, site_id in wanted - held:
        RoleGrant.objects.create(
            user=user, role=role, site_id=site_id, source=RoleGrant.Source.DIRECTORY
        )
