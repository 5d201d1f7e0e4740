"""Provisioning at every directory sign-in: one function for LDAP and OpenID Connect."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import DirectoryAccount
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
    profile_update_from_directory(
        user=user,
        site_name=entry.site,
        department_name=entry.department,
        profession=entry.profession,
    )
    # Role groups read through roles._group_names are cached on the user object.
    user.__dict__.pop("_svsupport_group_names", None)
    return user
