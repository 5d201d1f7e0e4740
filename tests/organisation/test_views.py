"""Coordinators manage sites and departments: list, add, edit, confirm, merge."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from organisation.models import Department, Site
from organisation.services import unit_merge
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import form_data

pytestmark = pytest.mark.django_db


def url(name, unit=None, kind="departments"):
    return reverse(
        f"organisation:{name}", kwargs={"model": kind, **({"pk": unit.pk} if unit else {})}
    )


@pytest.fixture
def surgery():
    return Department.objects.create(code="surgery", name_en="Surgery", name_fr="Chirurgie")


@pytest.fixture
def chir():
    return Department.objects.resolve_or_create("Chir")


# List -----------------------------------------------------------------------------------


def test_the_list_shows_unconfirmed_records_first_with_their_actions(client, quinn, surgery, chir):
    client.force_login(quinn)
    content = client.get(url("list")).content.decode()
    assert content.index("Chir") < content.index("Surgery")
    assert url("confirm", chir) in content and url("confirm", surgery) not in content


def test_the_list_runs_a_fixed_number_of_queries(client, quinn, django_assert_max_num_queries):
    def add(count, prefix):
        for number in range(count):
            unit = Department.objects.create(code=f"{prefix}{number}", name_en=f"{prefix} {number}")
            unit.aliases.create(name=f"{prefix} alias {number}")
            make_peer(make_user(f"{prefix}{number}"), department=unit, ready=False)

    client.force_login(quinn)
    add(3, "few")
    with django_assert_max_num_queries(12) as few:
        client.get(url("list"))
    add(30, "many")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("list"))
    assert len(response.context["page"].object_list) == 33


def test_merged_records_leave_the_list(client, quinn, surgery, chir):
    unit_merge(source=chir, target=surgery)
    client.force_login(quinn)
    assert list(client.get(url("list")).context["page"].object_list) == [surgery]


# Add ------------------------------------------------------------------------------------


def test_a_coordinator_adds_a_confirmed_site(client, quinn):
    client.force_login(quinn)
    data = {"code": "purpan", "name_en": "Purpan", "name_fr": "Purpan"}
    response = client.post(url("add", kind="sites"), data)
    assert response.status_code == 302
    site = Site.objects.get()
    assert (site.code, site.confirmed) == ("purpan", True)
    assert LogEntry.objects.get_for_object(site).get().actor == quinn


def test_a_name_that_already_designates_a_record_is_refused(client, quinn, surgery):
    surgery.aliases.create(name="Bloc opératoire")
    client.force_login(quinn)
    data = {"code": "bloc", "name_en": "BLOC OPERATOIRE", "name_fr": "Chirurgie"}
    response = client.post(url("add"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name_en", "name_fr"}
    assert Department.objects.count() == 1


def test_staff_get_403_on_add(client, carol):
    client.force_login(carol)
    assert client.post(url("add"), {"code": "x", "name_en": "X"}).status_code == 403
    assert not Department.objects.exists()


# Edit -----------------------------------------------------------------------------------


def test_a_coordinator_renames_a_record(client, quinn, surgery):
    client.force_login(quinn)
    data = {"code": "surgery", "name_en": "General surgery", "name_fr": "Chirurgie générale"}
    assert client.post(url("edit", surgery), data).status_code == 302
    surgery.refresh_from_db()
    assert Department.objects.resolve("chirurgie generale") == surgery
    entry = LogEntry.objects.get_for_object(surgery).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["name_en"] == ["Surgery", "General surgery"]


def test_edit_of_a_merged_or_unknown_record_is_404(client, quinn, surgery, chir):
    unit_merge(source=chir, target=surgery)
    client.force_login(quinn)
    assert client.get(url("edit", chir)).status_code == 404
    assert client.get(reverse("organisation:edit", args=["departments", 999999])).status_code == 404


def test_staff_and_peers_get_403_on_edit(client, carol, alice, surgery):
    for user in (carol, alice):
        client.force_login(user)
        assert client.post(url("edit", surgery), {"code": "x", "name_en": "X"}).status_code == 403
    surgery.refresh_from_db()
    assert surgery.code == "surgery"


# Confirm --------------------------------------------------------------------------------


def test_a_coordinator_confirms_a_record_from_the_directory(client, quinn, chir):
    client.force_login(quinn)
    assert client.post(url("confirm", chir)).status_code == 302
    chir.refresh_from_db()
    assert chir.confirmed
    entry = LogEntry.objects.get_for_object(chir).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["confirmed"] == ["False", "True"]


def test_confirming_a_merged_or_unknown_record_is_404(client, quinn, surgery, chir):
    unit_merge(source=chir, target=surgery)
    client.force_login(quinn)
    assert client.post(url("confirm", chir)).status_code == 404
    assert client.post(reverse("organisation:confirm", args=["sites", chir.pk])).status_code == 404


def test_staff_get_403_on_confirm(client, carol, chir):
    client.force_login(carol)
    assert client.post(url("confirm", chir)).status_code == 403
    chir.refresh_from_db()
    assert not chir.confirmed


def test_confirm_by_get_is_405(client, quinn, chir):
    client.force_login(quinn)
    assert client.get(url("confirm", chir)).status_code == 405


# Merge ----------------------------------------------------------------------------------


def test_a_coordinator_merges_chirurgie_into_surgery(client, quinn, surgery):
    chirurgie = Department.objects.resolve_or_create("Chirurgie digestive")
    nina = make_peer(make_user("nina"), department=chirurgie)
    client.force_login(quinn)
    response = client.post(url("merge", chirurgie), {"target": surgery.pk})
    assert response["Location"] == url("edit", surgery)
    nina.refresh_from_db()
    assert nina.department == surgery
    assert Department.objects.resolve("CHIRURGIE DIGESTIVE") == surgery


def test_a_record_cannot_be_merged_into_itself_or_a_merged_one(client, quinn, surgery, chir):
    other = Department.objects.resolve_or_create("Other")
    unit_merge(source=other, target=surgery)
    client.force_login(quinn)
    for target in (chir, other):
        response = client.post(url("merge", chir), {"target": target.pk})
        assert response.status_code == 200
        assert response.context["form"].errors["target"]
    chir.refresh_from_db()
    assert chir.merged_into is None


def test_merging_a_merged_or_unknown_record_is_404(client, quinn, surgery, chir):
    unit_merge(source=chir, target=surgery)
    client.force_login(quinn)
    assert client.post(url("merge", chir), {"target": surgery.pk}).status_code == 404


def test_staff_get_403_on_merge(client, carol, surgery, chir):
    client.force_login(carol)
    assert client.post(url("merge", chir), {"target": surgery.pk}).status_code == 403
    chir.refresh_from_db()
    assert chir.merged_into is None


@pytest.mark.parametrize("value", ["9" * 30, "-1", "²", "1.5", "a\x00b", "' OR 1=1--", "%_"])
def test_odd_department_and_site_values_never_give_a_500(client, carol, quinn, surgery, value):
    client.force_login(carol)
    response = client.post(reverse("requests:new"), form_data(requester_department=value))
    assert response.context["form"].errors["requester_department"]
    directory = client.get(reverse("peers:directory"), {"department": value, "site": value})
    assert directory.status_code == 200
    client.force_login(quinn)
    # No site of the reader's has this code: the same 404 as another site's.
    assert client.get(reverse("figures:dashboard"), {"site": value}).status_code == 404
    merge = client.post(url("merge", surgery), {"target": value})
    assert merge.context["form"].errors["target"]
