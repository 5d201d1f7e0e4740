"""The demo accounts, shared by `seed_demo` and the login page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from svsupport.lib import roles

DEMO_GROUP = "Demo accounts"
DEMO_PASSWORD = "demo"  # noqa: S105  (printed on the login page on purpose)

# The accounts listed on the login page: username, first name, last name, role label.
DEMO_USERS = [
    ("quinn", "Quinn", "Moreau", _("coordinator, Quality and Risk Office")),
    ("alice", "Alice", "Martin", _("peer supporter, nurse, oncology")),
    ("bob", "Bob", "Bernard", _("peer supporter, pharmacist, pharmacy")),
    ("paul", "Paul", "Dubois", _("peer supporter, currently paused")),
    ("carol", "Carol", "Petit", _("staff, nurse, oncology")),
    ("dan", "Dan", "Richard", _("staff, physician, surgery")),
    ("bea", "Bea", "Laurent", _("board member: sees the programme figures")),
    ("olga", "Olga", "Fabre", _("privacy officer: reads the access trail of a request")),
    ("oscar", "Oscar", "Blanc", _("coordinator of the Oncopole site only")),
    ("pia", "Pia", "Noël", _("coordinator of the Purpan site only")),
]


def demo_accounts():
    """The demo accounts to list on the login page: none unless seed_demo has run."""
    group = Group.objects.filter(name=DEMO_GROUP).first()
    if group is None:
        return []
    present = set(group.user_set.values_list("username", flat=True))
    return [
        {"username": username, "role": role_label}
        for username, _first, _last, role_label in DEMO_USERS
        if username in present
    ]


def real_accounts():
    """Accounts seed_demo did not create: their presence means the database is real."""
    return get_user_model().objects.exclude(groups__name=DEMO_GROUP)


def demo_user(
    username, first_name, last_name, *, coordinator=False, board=False, privacy_officer=False
):
    """Gets or creates a demo account (password 'demo'); returns (user, created)."""
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
    groups = [DEMO_GROUP] + ([roles.COORDINATORS_GROUP] if coordinator else [])
    groups += [roles.BOARD_GROUP] if board else []
    groups += [roles.PRIVACY_OFFICERS_GROUP] if privacy_officer else []
    user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
    return user, created
