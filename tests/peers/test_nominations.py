"""Co-option: the nominee consents first, then the coordinators decide."""

import pytest
from django.core import mail
from django.urls import reverse

from peers.models import Nomination, PeerSupporter, Status
from tests.peers.factories import make_peer
from tests.people import make_user

ATTESTATION = {
    "works_at_institution": "on",
    "is_volunteer": "on",
    "lived_risk_situation": "on",
    "can_draw_on_experience": "on",
}


def nominate(client, nominee="dan", follow=False, **extra):
    data = {
        "nominee": nominee,
        "profession": "physician",
        "department": "Surgery",
        "motivation": "A calm listener.",
        **extra,
    }
    return client.post(reverse("peers:nominate"), data, follow=follow)


@pytest.fixture
def nomination(client, alice, dan, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        nominate(client)
    client.logout()
    return Nomination.objects.get()


def test_the_nominee_is_asked_first_by_a_link_only_email(nomination, dan):
    assert nomination.state == Nomination.State.AWAITING_NOMINEE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dan@hospital.example"]
    assert f"/peers/nominations/{nomination.pk}/" in message.body
    for secret in ["Alice", "Martin", "Surgery", "calm listener", "physician"]:
        assert secret not in message.body
        assert secret not in message.subject


def test_nobody_but_the_nominee_can_open_the_invitation(client, nomination, carol, quinn, bob):
    url = reverse("peers:nomination_answer", args=[nomination.pk])
    for user in [carol, quinn, bob]:
        client.force_login(user)
        assert client.get(url).status_code == 404
    random = reverse("peers:nomination_answer", args=["5b8a6f3e-0000-4000-8000-000000000000"])
    assert client.get(random).status_code == 404


def test_coordinators_do_not_see_a_nomination_before_consent(client, nomination, quinn):
    client.force_login(quinn)
    assert nomination.pk not in [
        n.pk for n, _ in client.get(reverse("peers:nomination_queue")).context["rows"]
    ]
    decide = reverse("peers:nomination_decide", args=[nomination.pk])
    assert client.post(decide, {"accept": "yes"}).status_code == 404


def test_a_refusal_ends_it_quietly(client, nomination, dan, quinn):
    client.force_login(dan)
    client.post(reverse("peers:nomination_answer", args=[nomination.pk]), {"consent": "no"})
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.REFUSED_BY_NOMINEE
    client.force_login(quinn)
    assert client.get(reverse("peers:nomination_queue")).context["rows"] == []


def test_consent_requires_the_four_statements(client, nomination, dan):
    client.force_login(dan)
    url = reverse("peers:nomination_answer", args=[nomination.pk])
    response = client.post(url, {"consent": "yes", "works_at_institution": "on"})
    assert "confirm each of the four statements" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.AWAITING_NOMINEE


def test_consent_then_acceptance_creates_a_candidate(
    client, nomination, dan, quinn, django_capture_on_commit_callbacks
):
    client.force_login(dan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("peers:nomination_answer", args=[nomination.pk]),
            {"consent": "yes", **ATTESTATION},
        )
    assert mail.outbox[-1].to == ["quinn@hospital.example"]
    client.force_login(quinn)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("peers:nomination_decide", args=[nomination.pk]), {"accept": "yes"})
    peer = PeerSupporter.objects.get(user=dan)
    assert peer.status == Status.CANDIDATE
    assert peer.eligibility_complete
    assert (peer.profession, peer.department.name_en) == ("physician", "Surgery")
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    assert mail.outbox[-1].to == ["alice@hospital.example"]


def test_a_declined_nomination_shows_its_reason_to_the_nominator(
    client, nomination, dan, quinn, alice
):
    nomination.state = Nomination.State.AWAITING_COORDINATORS
    nomination.save()
    client.force_login(quinn)
    decide = reverse("peers:nomination_decide", args=[nomination.pk])
    response = client.post(decide, {"accept": "no"}, follow=True)
    assert "Say why" in response.content.decode()
    client.post(decide, {"accept": "no", "reason": "Already many peers in surgery."})
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.DECLINED
    client.force_login(alice)
    assert "Already many peers in surgery." in client.get(reverse("peers:me")).content.decode()
    assert not PeerSupporter.objects.filter(user=dan).exists()


def test_a_second_decision_is_told_it_came_too_late(client, nomination, quinn):
    nomination.state = Nomination.State.AWAITING_COORDINATORS
    nomination.save()
    client.force_login(quinn)
    decide = reverse("peers:nomination_decide", args=[nomination.pk])
    client.post(decide, {"accept": "yes"})
    response = client.post(decide, {"accept": "no", "reason": "x"}, follow=True)
    assert response.status_code == 404 or "already decided" in response.content.decode()
    assert PeerSupporter.objects.filter(user=nomination.nominee).count() == 1


def test_only_active_peers_nominate(client, carol, alice):
    client.force_login(carol)
    assert client.get(reverse("peers:nominate")).status_code == 404
    paused = make_peer(make_user("paul"), status=Status.PAUSED)
    client.force_login(paused.user)
    assert client.get(reverse("peers:nominate")).status_code == 403


@pytest.mark.parametrize(
    ("nominee", "message"),
    [
        ("alice", "You cannot nominate yourself."),
        ("bob", "already has a peer record"),
        ("nobody", "No single colleague"),
        ("' OR 1=1--", "No single colleague"),
    ],
)
def test_impossible_nominations_are_explained(client, alice, bob, nominee, message):
    client.force_login(alice)
    response = nominate(client, nominee=nominee)
    assert message in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_same_colleague_cannot_be_nominated_twice_at_once(client, alice, dan):
    client.force_login(alice)
    nominate(client, nominee="dan@hospital.example")
    response = nominate(client, nominee="DAN")
    assert "already has a nomination in progress" in response.content.decode()
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize("known_as", ["withdrawn peer", "candidate", "nominated by bob"])
def test_what_the_nominator_may_not_know_is_not_told(client, alice, bob, dan, known_as):
    """No oracle: a colleague with an unpublished peer record, or nominated by someone else,
    gets the same answer as anybody, and nothing new is recorded or sent."""
    if known_as == "nominated by bob":
        Nomination.objects.create(
            nominator=bob.peer_profile, nominee=dan, profession="nurse", department="ICU",
            motivation="m",
        )  # fmt: skip
    else:
        status = Status.WITHDRAWN if known_as == "withdrawn peer" else Status.CANDIDATE
        make_peer(dan, status=status, ready=False)
    before = Nomination.objects.count()
    client.force_login(alice)
    make_user("erin")
    fresh = nominate(client, nominee="erin", follow=True)
    told = nominate(client, follow=True)
    assert told.redirect_chain == fresh.redirect_chain
    assert [str(m) for m in told.context["messages"]] == [
        "Thank you. Your colleague is asked first, privately."
    ]
    assert Nomination.objects.filter(nominee=dan).count() == before
