"""Team sessions: any staff member asks, a coordinator pairs a facilitator with a peer; the
record holds the date, a headcount band and who facilitated."""

import uuid
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from figures.periods import quarter_of
from figures.queries import reaching_in_figures
from support_requests.models import TeamSession
from tests.organisation.factories import department

pytestmark = pytest.mark.django_db


def arrange_url(session):
    return reverse("requests:team_session_arrange", args=[session.pk])


def arrangement(peer, **changes):
    data = {
        "held_on": "2026-11-20",
        "headcount": "6_10",
        "facilitator": "Dr Lenoir, occupational psychologist",
        "peer": peer.pk,
    }
    return {**data, **changes}


def test_a_manager_asks_and_the_coordinators_are_told_by_link(
    client, dan, quinn, django_capture_on_commit_callbacks
):
    client.force_login(dan)
    unit = department("Intensive care")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requests:team_sessions"), {"department": unit.pk, "headcount": "11_20"}
        )
    assert response["Location"] == reverse("requests:team_sessions")
    session = TeamSession.objects.get()
    assert (session.requested_by, session.department, session.headcount, session.state) == (
        dan,
        unit,
        "11_20",
        TeamSession.State.REQUESTED,
    )
    assert mail.outbox[-1].to == ["quinn@hospital.example"]
    assert reverse("requests:team_session_manage") in mail.outbox[-1].body


def test_a_coordinator_pairs_a_facilitator_with_a_peer(
    client, dan, quinn, alice, django_capture_on_commit_callbacks
):
    session = TeamSession.objects.create(requested_by=dan, headcount="6_10")
    client.force_login(quinn)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(arrange_url(session), arrangement(alice.peer_profile))
    assert response["Location"] == reverse("requests:team_session_manage")
    session.refresh_from_db()
    assert session.state == TeamSession.State.ARRANGED
    assert (session.held_on, session.peer, session.facilitator, session.arranged_by) == (
        date(2026, 11, 20),
        alice.peer_profile,
        "Dr Lenoir, occupational psychologist",
        quinn,
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@hospital.example",
        "dan@hospital.example",
    ]
    client.force_login(alice)
    page = client.get(reverse("requests:team_sessions")).content.decode()
    assert "Dr Lenoir" in page


def test_arranging_needs_a_facilitator_a_peer_and_a_date(client, dan, quinn, alice):
    session = TeamSession.objects.create(requested_by=dan, headcount="6_10")
    client.force_login(quinn)
    response = client.post(
        arrange_url(session), arrangement(alice.peer_profile, facilitator="", held_on="0001-01-01"),
        follow=True,
    )  # fmt: skip
    assert "Not recorded" in response.content.decode()
    assert TeamSession.objects.get().state == TeamSession.State.REQUESTED


def test_arranging_is_for_coordinators_only(client, dan, carol, alice):
    session = TeamSession.objects.create(requested_by=dan, headcount="6_10")
    for user in [carol, alice]:
        client.force_login(user)
        assert client.post(arrange_url(session), arrangement(alice.peer_profile)).status_code == 403
    assert TeamSession.objects.get().state == TeamSession.State.REQUESTED


def test_arranging_an_arranged_or_unknown_session_is_a_404(client, dan, quinn, alice, bob):
    session = TeamSession.objects.create(requested_by=dan, headcount="6_10")
    client.force_login(quinn)
    client.post(arrange_url(session), arrangement(alice.peer_profile))
    again = client.post(arrange_url(session), arrangement(bob.peer_profile))
    unknown = client.post(
        reverse("requests:team_session_arrange", args=[uuid.uuid4()]),
        arrangement(bob.peer_profile),
    )
    assert again.status_code == unknown.status_code == 404
    assert TeamSession.objects.get().peer == alice.peer_profile


def test_arranging_refuses_get(client, dan, quinn):
    session = TeamSession.objects.create(requested_by=dan, headcount="6_10")
    client.force_login(quinn)
    assert client.get(arrange_url(session)).status_code == 405


def test_sessions_held_in_the_quarter_count_by_headcount_band(dan, alice):
    held = {"requested_by": dan, "state": TeamSession.State.ARRANGED, "peer": alice.peer_profile}
    TeamSession.objects.create(headcount="6_10", held_on=date(2026, 10, 2), **held)
    TeamSession.objects.create(headcount="6_10", held_on=date(2026, 11, 2), **held)
    TeamSession.objects.create(headcount="over_20", held_on=date(2026, 12, 2), **held)
    TeamSession.objects.create(headcount="2_5", held_on=date(2026, 7, 2), **held)  # before
    TeamSession.objects.create(requested_by=dan, headcount="2_5")  # not held
    figures = reaching_in_figures(quarter_of(date(2026, 11, 1)))
    assert figures["team_sessions"] == {"2_5": 0, "6_10": 2, "11_20": 0, "over_20": 1}
