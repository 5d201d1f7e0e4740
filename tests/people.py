"""The named people of the test suite, built in one place: the conftest fixtures and the
authorization matrix's module-wide world both use these.

alice and bob are active, published peer supporters; carol and dan staff; quinn a
coordinator of the Quality and Risk Office; bea sits on the board; olga is the privacy officer.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from svsupport.lib import roles
from tests.peers.factories import make_peer

PASSWORD = "correct horse battery staple"


def make_user(username, *groups, first_name="", last_name=""):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first_name or username.title(),
        last_name=last_name,
        email=f"{username}@hospital.example",
    )
    user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
    return user


def alice():
    """An active, published peer supporter: nurse in oncology, speaks French and English."""
    user = make_user("alice", last_name="Martin")
    make_peer(user, profession="nurse", department="Oncology", languages=["fr", "en"])
    return user


def bob():
    """An active, published peer supporter: pharmacist in pharmacy."""
    user = make_user("bob", last_name="Bernard")
    make_peer(user, profession="pharmacist", department="Pharmacy", languages=["fr", "es"])
    return user


def carol():
    return make_user("carol", last_name="Petit")


def dan():
    return make_user("dan", last_name="Richard")


def quinn():
    return make_user("quinn", roles.COORDINATORS_GROUP, last_name="Moreau")


def bea():
    return make_user("bea", roles.BOARD_GROUP)


def olga():
    return make_user("olga", roles.PRIVACY_OFFICERS_GROUP, last_name="Fabre")


PEOPLE = {"alice": alice, "bob": bob, "carol": carol, "dan": dan, "quinn": quinn,
          "bea": bea, "olga": olga}  # fmt: skip


def by_role(people):
    """The person the authorization matrix signs in as, per role."""
    return {
        "staff": people["carol"],
        "peer": people["alice"],
        "coordinator": people["quinn"],
        "board": people["bea"],
        "privacy_officer": people["olga"],
    }
