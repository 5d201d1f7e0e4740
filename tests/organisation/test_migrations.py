"""The data migrations that turn yesterday's free text into records, forwards and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from organisation.models import Department, Site
from peers.models import PeerSupporter
from support_requests.models import SupportRequest

BEFORE = [("peers", "0001_registry"), ("requests", "0001_support_requests")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_free_text_becomes_one_record_per_folded_value_and_back():
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    Peer = old.get_model("peers", "PeerSupporter")
    Request = old.get_model("requests", "SupportRequest")
    month = timezone.localdate().replace(day=1)
    for number, (department, site) in enumerate(
        [("Chirurgie", "Purpan"), (" CHIRURGIE ", "purpan"), ("Oncologie", "")]
    ):
        user = User.objects.create(username=f"user{number}")
        Peer.objects.create(
            user=user, display_name="P", search_name="p", profession="nurse",
            department=department, site=site, joined_on=month,
        )  # fmt: skip
        Request.objects.create(
            requester=user, contact_method="phone", month=month,
            requester_department=department if number < 2 else None,
        )  # fmt: skip

    migrate(latest())
    chirurgie = Department.objects.get(code="chirurgie")
    assert chirurgie.confirmed and chirurgie.name_en == "Chirurgie"
    assert Department.objects.count() == 2 and Site.objects.count() == 1
    assert {peer.department.code for peer in PeerSupporter.objects.all()} == {
        "chirurgie",
        "oncologie",
    }
    assert PeerSupporter.objects.filter(site=None).count() == 1
    departments = [r.requester_department_record() for r in SupportRequest.objects.all()]
    assert sorted(map(str, departments)) == ["Chirurgie", "Chirurgie", "None"]

    old = migrate(BEFORE)
    Peer = old.get_model("peers", "PeerSupporter")
    Request = old.get_model("requests", "SupportRequest")
    assert sorted(Peer.objects.values_list("department", "site")) == [
        ("Chirurgie", "Purpan"), ("Chirurgie", "Purpan"), ("Oncologie", ""),
    ]  # fmt: skip
    assert sorted(map(str, Request.objects.values_list("requester_department", flat=True))) == [
        "Chirurgie", "Chirurgie", "None",
    ]  # fmt: skip
    migrate(latest())
