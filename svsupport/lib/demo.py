"""The demo accounts, shared by `seed_demo` and the login page."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

DEMO_GROUP = "Demo accounts"
DEMO_PASSWORD = "demo"  # noqa: S105  (printed on the login page on purpose)

# username, first name, last name, role label, role group
DEMO_USERS = [
    ("quinn", "Quinn", "Moreau", _("coordinator, Quality and Risk Office"), "coordinator"),
    ("alice", "Alice", "Martin", _("peer supporter, nurse, oncology"), "peer"),
    ("bob", "Bob", "Bernard", _("peer supporter, pharmacist, pharmacy"), "peer"),
    ("paul", "Paul", "Dubois", _("peer supporter, currently paused"), "peer"),
    ("carol", "Carol", "Petit", _("staff, nurse, oncology"), "staff"),
    ("dan", "Dan", "Richard", _("staff, physician, surgery"), "staff"),
]


def demo_accounts():
    """The demo accounts to list on the login page: none unless seed_demo has run."""
    group = Group.objects.filter(name=DEMO_GROUP).first()
    if group is None:
        return []
    present = set(group.user_set.values_list("username", flat=True))
    return [
        {"username": username, "role": role_label}
        for username, _first, _last, role_label, _role in DEMO_USERS
        if username in present
    ]
