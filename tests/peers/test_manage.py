"""The coordinators' pages under /peers/manage/."""

import csv
import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from peers.models import (
    Nomination,
    PeerSupporter,
    RequestedBy,
    Status,
    SupportSession,
    TrainingRecord,
)
from tests.organisation.factories import department, site
from tests.peers.factories import make_peer, publish_new_charter
from tests.people import make_user

MANAGE = reverse("peers:manage")


@pytest.fixture
def tina(db):
    return make_peer(make_user("tina", last_name="Morel"), status=Status.CANDIDATE, ready=False)


def new_peer_data(**changes):
    data = {
        "account": "tina@hospital.example",
        "display_name": "Tina Morel",
        "profession": "nurse",
        "department": department("Radiotherapy").pk,
        "site": site("Oncopole").pk,
        "joined_on": timezone.localdate().isoformat(),
        "works_at_institution": "on",
        "is_volunteer": "on",
        "lived_risk_situation": "on",
        "can_draw_on_experience": "on",
        "languages": ["fr"],
        "consent": "on",
    }
    return {**data, **changes}


def test_a_coordinator_adds_a_candidate(client, quinn):
    tina = make_user("tina")
    client.force_login(quinn)
    response = client.post(reverse("peers:manage_add"), new_peer_data())
    peer = PeerSupporter.objects.get(user=tina)
    assert response["Location"] == reverse("peers:manage_edit", args=[peer.pk])
    assert peer.status == Status.CANDIDATE
    assert peer.eligibility_attested_at is not None
    assert LogEntry.objects.get_for_object(peer).get().actor == quinn


@pytest.mark.parametrize(
    ("missing", "error"),
    [
        ("consent", "Tick this once the colleague has agreed"),
        ("is_volunteer", "Tick this statement once the colleague has confirmed it"),
    ],
)
def test_adding_a_peer_requires_their_recorded_consent(client, quinn, missing, error):
    make_user("tina")
    client.force_login(quinn)
    data = new_peer_data()
    del data[missing]
    response = client.post(reverse("peers:manage_add"), data)
    assert error in response.context["form"].errors[missing][0]
    assert not PeerSupporter.objects.exists()


def test_adding_a_peer_waits_for_a_nomination_they_have_not_answered(client, quinn, alice):
    tina = make_user("tina")
    Nomination.objects.create(
        nominator=alice.peer_profile, nominee=tina, profession="nurse", department="Radiology",
        motivation="Listens well.",
    )  # fmt: skip
    client.force_login(quinn)
    response = client.post(reverse("peers:manage_add"), new_peer_data())
    assert "A nomination waits for this colleague" in response.context["form"].errors["account"][0]
    assert not PeerSupporter.objects.filter(user=tina).exists()


def test_adding_refuses_an_unknown_account_and_a_future_date(client, quinn):
    client.force_login(quinn)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("peers:manage_add"), new_peer_data(account="ghost", joined_on=tomorrow)
    )
    form = response.context["form"]
    assert "No single colleague" in form.errors["account"][0]
    assert form.errors["joined_on"] == ["This date is in the future."]
    assert not PeerSupporter.objects.exists()


def test_the_same_form_submitted_twice_gives_one_record(client, quinn):
    make_user("tina")
    client.force_login(quinn)
    client.post(reverse("peers:manage_add"), new_peer_data())
    response = client.post(reverse("peers:manage_add"), new_peer_data())
    assert "already has a peer record" in response.content.decode()
    assert PeerSupporter.objects.count() == 1


def test_activation_missing_conditions_is_refused_with_the_list(client, quinn, tina):
    client.force_login(quinn)
    url = reverse("peers:manage_status", args=[tina.pk])
    response = client.post(url, {"to_status": "active", "requested_by": "coordinator"}, follow=True)
    content = response.content.decode()
    assert "the initial training is not completed" in content
    assert "is not signed" in content
    tina.refresh_from_db()
    assert tina.status == Status.CANDIDATE


def test_a_board_decision_is_recorded_with_its_reason(client, quinn, alice):
    client.force_login(quinn)
    peer = alice.peer_profile
    url = reverse("peers:manage_status", args=[peer.pk])
    back = (timezone.localdate() + timedelta(days=30)).isoformat()
    client.post(
        url,
        {"to_status": "paused", "requested_by": "board", "reason": "Review", "paused_until": back},
    )
    change = peer.status_changes.get()
    assert (change.requested_by, change.reason, change.changed_by) == (
        RequestedBy.BOARD,
        "Review",
        quinn,
    )
    history = client.get(reverse("peers:manage_history", args=[peer.pk])).content.decode()
    assert "The board&#x27;s decision" in history or "The board's decision" in history
    assert "Review" in history


def test_a_training_is_recorded_for_several_peers_at_once(client, quinn, alice, bob, tina):
    client.force_login(quinn)
    data = {
        "peers": [tina.pk, alice.peer_profile.pk],
        "course": "Refresher 2026",
        "kind": "refresher",
        "held_on": timezone.localdate().isoformat(),
        "duration_minutes": "90",
        "completed": "on",
        "trainer": "QRO",
    }
    assert client.post(reverse("peers:manage_training"), data).status_code == 302
    assert TrainingRecord.objects.filter(course="Refresher 2026").count() == 2
    assert not bob.peer_profile.training_records.filter(course="Refresher 2026").exists()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("held_on", "2099-01-01", "This date is in the future."),
        ("held_on", "2999-01-01", "Give a date between 1900 and 2100."),
        ("held_on", "2026-02-30", "Enter a valid date."),
        ("duration_minutes", "0", "at most five days"),
        ("course", "c\x00", "Null characters are not allowed."),
        ("course", "bell\x07", "cannot be saved"),
    ],
)
def test_training_input_errors_are_explained(client, quinn, tina, field, value, error):
    client.force_login(quinn)
    data = {
        "peers": [tina.pk],
        "course": "Initial",
        "kind": "initial",
        "held_on": "2026-01-10",
        "duration_minutes": "120",
        field: value,
    }
    response = client.post(reverse("peers:manage_training"), data)
    assert error in " ".join(response.context["form"].errors[field])
    assert not TrainingRecord.objects.exists()


def test_a_supervision_session_is_recorded_with_its_attendance(client, quinn, alice, tina):
    client.force_login(quinn)
    data = {
        "kind": "supervision",
        "held_on": timezone.localdate().isoformat(),
        "facilitator": "Dr Perrin",
        "attendees": [alice.peer_profile.pk, tina.pk],
    }
    client.post(reverse("peers:manage_session"), data)
    session = SupportSession.objects.get(facilitator="Dr Perrin")
    assert set(session.attendances.values_list("peer__user__username", flat=True)) == {
        "alice",
        "tina",
    }


def test_the_list_filters_by_status_and_shows_attention(client, quinn, alice, tina):
    publish_new_charter()
    client.force_login(quinn)
    candidates = client.get(MANAGE, {"status": "candidate"})
    assert [p.display_name for p in candidates.context["page"]] == ["Tina Morel"]
    attention = client.get(MANAGE, {"attention": "1"})
    assert [p.display_name for p in attention.context["page"]] == ["Alice Martin"]
    # Alice's previous signature still counts during the grace period: she is told by when.
    assert "new charter to sign by" in attention.content.decode()


def test_the_list_runs_a_fixed_number_of_queries(client, quinn, django_assert_max_num_queries):
    client.force_login(quinn)
    make_peer(make_user("p0"))
    # 13: one of them reads the charter versions (the roll-out's grace period).
    with django_assert_max_num_queries(13) as few:
        client.get(MANAGE)
    for number in range(1, 60):
        make_peer(make_user(f"p{number}"), ready=number % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(MANAGE)
    assert response.context["page"].paginator.num_pages == 2


def test_the_list_of_peers_needing_attention_runs_a_fixed_number_of_queries(
    client, quinn, django_assert_max_num_queries
):
    client.force_login(quinn)
    make_peer(make_user("p0"), ready=False)
    with django_assert_max_num_queries(13) as few:
        client.get(MANAGE, {"attention": "1"})
    for number in range(1, 60):
        make_peer(make_user(f"p{number}"), ready=number % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(MANAGE, {"attention": "1"})
    assert response.context["attention_count"] == 31
    assert len(response.context["page"].object_list) == 31


def exported_rows(response):
    """The rows of a streamed CSV export, read to the end."""
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_the_export_is_streamed_with_the_same_queries_for_few_or_many_peers(
    client, quinn, django_assert_max_num_queries
):
    client.force_login(quinn)
    make_peer(make_user("p0"), languages=["fr"])
    # The rows are read while the response is sent: count the queries up to the last line.
    with django_assert_max_num_queries(12) as few:
        exported_rows(client.get(reverse("peers:manage_export")))
    for number in range(1, 40):
        make_peer(make_user(f"p{number}"), ready=number % 2 == 0, languages=["en", "fr"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("peers:manage_export"))
        rows = exported_rows(response)
    assert response.streaming
    assert len(rows) == 41
    assert rows[1][rows[0].index("Languages")] == "French"
    assert rows[2][rows[0].index("Languages")] == "English, French"


def test_the_export_neutralises_spreadsheet_formulas(client, quinn, alice):
    peer = alice.peer_profile
    peer.display_name = '=HYPERLINK("http://evil.example")'
    peer.save()
    client.force_login(quinn)
    response = client.get(reverse("peers:manage_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = exported_rows(response)
    assert rows[0][0] == "Name"
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][rows[0].index("Current charter signed")] == "yes"


def test_the_export_opens_in_a_spreadsheet_in_the_readers_language(client, quinn):
    make_peer(make_user("ines", first_name="Inès"), display_name="Inès Moreau", languages=["fr"])
    client.force_login(quinn)
    response = client.get(reverse("peers:manage_export"), HTTP_ACCEPT_LANGUAGE="fr")
    content = b"".join(response.streaming_content)
    # A byte-order mark first: without it Excel reads UTF-8 as Windows-1252 ("InÃ¨s").
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, ines = rows[0], rows[1]
    assert header[:3] == ["Nom", "Identifiant", "Métier"]
    assert ines[0] == "Inès Moreau"
    assert ines[header.index("Métier")] == "Infirmier ou infirmière"
    assert ines[header.index("Statut")] == "Actif"
    assert ines[header.index("Langues")] == "Français"
    assert ines[header.index("Formation initiale terminée")] == "oui"
    assert ines[header.index("Arrivée dans le programme")] == timezone.localdate().isoformat()


def test_the_history_shows_every_audited_change(client, quinn, alice):
    peer = alice.peer_profile
    peer.department = department("Haematology")
    peer.save()
    client.force_login(quinn)
    content = client.get(reverse("peers:manage_history", args=[peer.pk])).content.decode()
    assert "Haematology" in content


def test_staff_and_peers_get_403_on_every_coordinator_page(client, carol, alice):
    urls = [
        MANAGE,
        reverse("peers:manage_add"),
        reverse("peers:manage_training"),
        reverse("peers:manage_session"),
        reverse("peers:nomination_queue"),
        reverse("peers:manage_export"),
        reverse("peers:manage_edit", args=[alice.peer_profile.pk]),
        reverse("peers:manage_history", args=[alice.peer_profile.pk]),
    ]
    for user in [carol, alice]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
    post = reverse("peers:manage_status", args=[alice.peer_profile.pk])
    assert client.post(post, {"to_status": "withdrawn", "requested_by": "board"}).status_code == 403
    assert PeerSupporter.objects.get(user=alice).status == Status.ACTIVE
