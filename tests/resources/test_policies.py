"""Versioned policy documents: reading, new versions, publication."""

import pytest
from django.urls import reverse

from resources.models import PolicyDocument, PolicyVersion
from tests.resources.helpers import audit_entries

SLUG = "peer-support-policy"


def new_draft(client):
    response = client.post(reverse("resources:policy_version_create", kwargs={"slug": SLUG}))
    return response, PolicyVersion.objects.get(document__slug=SLUG, status="draft")


def test_staff_read_the_version_in_force_and_the_list_of_versions(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:policy", kwargs={"slug": SLUG})).content.decode()
    assert "Version 1, in force since" in content
    assert "First version, shipped with the application" in content
    assert "Peer supporters are volunteers" in content


def test_a_new_version_starts_as_a_copy_of_the_one_in_force(client, quinn):
    client.force_login(quinn)
    response, draft = new_draft(client)
    assert draft.number == 2
    assert draft.body_en == PolicyVersion.objects.get(document__slug=SLUG, number=1).body_en
    assert response["Location"] == reverse(
        "resources:policy_version_edit", kwargs={"slug": SLUG, "number": 2}
    )
    again, same = new_draft(client)
    assert same.pk == draft.pk


def test_a_draft_version_is_invisible_to_staff_until_published(client, quinn, carol):
    client.force_login(quinn)
    _, draft = new_draft(client)
    edit = reverse("resources:policy_version_edit", kwargs={"slug": SLUG, "number": 2})
    client.post(
        edit,
        {
            "effective_date": "2027-01-01",
            "change_note_en": "Adds group supervision every month.",
            "change_note_fr": "Ajoute une supervision de groupe chaque mois.",
            "body_en": "New rules.",
            "body_fr": "Nouvelles règles.",
        },
    )
    version_url = reverse("resources:policy_version", kwargs={"slug": SLUG, "number": 2})
    client.force_login(carol)
    assert client.get(version_url).status_code == 404
    client.force_login(quinn)
    assert b"This version is a draft" in client.get(version_url).content
    publish = reverse("resources:policy_version_publish", kwargs={"slug": SLUG, "number": 2})
    assert client.post(publish).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    assert audit_entries(draft, quinn).count() == 3
    client.force_login(carol)
    content = client.get(reverse("resources:policy", kwargs={"slug": SLUG})).content.decode()
    assert "Version 2, in force since" in content
    assert "New rules." in content
    assert "Adds group supervision every month." in content


def test_a_published_version_can_no_longer_be_edited(client, quinn):
    client.force_login(quinn)
    url = reverse("resources:policy_version_edit", kwargs={"slug": SLUG, "number": 1})
    assert client.post(url, {"body_en": "rewrite history"}).status_code == 404


@pytest.mark.parametrize("name", ["policy_version_create", "policy_history", "policy_create"])
def test_staff_cannot_manage_policies(client, carol, name):
    kwargs = {} if name == "policy_create" else {"slug": SLUG}
    client.force_login(carol)
    assert client.post(reverse(f"resources:{name}", kwargs=kwargs)).status_code == 403
    assert not PolicyVersion.objects.filter(status="draft").exists()


def test_publishing_by_get_is_refused(client, quinn):
    client.force_login(quinn)
    new_draft(client)
    url = reverse("resources:policy_version_publish", kwargs={"slug": SLUG, "number": 2})
    assert client.get(url).status_code == 405
    url = reverse("resources:policy_version_create", kwargs={"slug": SLUG})
    assert client.get(url).status_code == 405


def test_coordinators_create_a_document_and_only_one_per_kind(client, quinn):
    client.force_login(quinn)
    data = {"kind": "other", "slug": "leaflet", "title_en": "Leaflet", "title_fr": "Dépliant"}
    response = client.post(reverse("resources:policy_create"), {**data, "position": "5"})
    document = PolicyDocument.objects.get(slug="leaflet")
    assert response["Location"] == document.get_absolute_url()
    assert audit_entries(document, quinn).count() == 1
    # The commitments charter ships with the app; a second one is refused.
    charter = {**data, "kind": "charter", "slug": "c2", "position": 4}
    again = client.post(reverse("resources:policy_create"), charter)
    assert "exists already" in again.content.decode()


def test_publishing_a_charter_version_asks_every_peer_to_sign_again(client, quinn, alice):
    from peers.models import PeerSupporter

    assert PeerSupporter.objects.published().filter(user=alice).exists()
    client.force_login(quinn)
    slug = "commitments-charter"
    client.post(reverse("resources:policy_version_create", kwargs={"slug": slug}))
    client.post(reverse("resources:policy_version_publish", kwargs={"slug": slug, "number": 2}))
    assert PolicyVersion.objects.current_of_kind(PolicyDocument.Kind.CHARTER).number == 2
    # Still listed on her previous signature during the grace period, and asked to sign.
    assert PeerSupporter.objects.published().filter(user=alice).exists()
    assert PeerSupporter.objects.to_sign_current_charter().filter(user=alice).exists()
    attention = PeerSupporter.objects.needing_attention().with_readiness().get(user=alice)
    assert [str(reason) for reason in attention.attention_reasons()] == [
        "current charter not signed"
    ]


def test_the_policy_list_runs_a_fixed_number_of_queries(
    client, carol, django_assert_max_num_queries
):
    client.force_login(carol)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("resources:policies"))
    for number in range(25):
        document = PolicyDocument.objects.create(kind="other", slug=f"doc-{number}", title_en="D")
        document.versions.create(number=1, status="published", effective_date="2025-01-01")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("resources:policies"))
    assert "Page 1 of 2" in response.content.decode()


def test_the_policy_history_shows_document_and_version_changes(client, quinn):
    client.force_login(quinn)
    new_draft(client)
    content = client.get(reverse("resources:policy_history", kwargs={"slug": SLUG})).content
    assert b"Quinn Moreau" in content
