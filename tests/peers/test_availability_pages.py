"""A peer's hours and time away (/peers/me/availability/) and the coordinators' on-call rota
(/peers/manage/on-call/): the four tests of each mutating view."""

from datetime import time, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from peers.models import AvailabilitySlot, OnCallShift, TimeAway
from tests.organisation.factories import site

pytestmark = pytest.mark.django_db

AVAILABILITY = reverse("peers:me_availability")


def hours(**days):
    """Form data: day0_from=... for the days given as day0=("08:00", "17:00")."""
    data = {"max_open_requests": ""}
    for name, (start, end) in days.items():
        data[f"{name}_from"], data[f"{name}_until"] = start, end
    return data


# Weekly hours ----------------------------------------------------------------------------


def test_a_peer_saves_their_weekly_hours_and_a_lower_cap(client, alice, settings):
    settings.PEER_MAX_OPEN_REQUESTS = 3
    client.force_login(alice)
    data = {**hours(day0=("08:00", "12:00"), day4=("13:30", "18:00")), "max_open_requests": "2"}
    response = client.post(AVAILABILITY, data)
    assert response.status_code == 302
    peer = alice.peer_profile
    peer.refresh_from_db()
    assert [(s.weekday, s.starts_at, s.ends_at) for s in peer.slots.all()] == [
        (0, time(8), time(12)),
        (4, time(13, 30), time(18)),
    ]
    assert peer.max_open_requests == 2
    assert LogEntry.objects.get_for_model(AvailabilitySlot).count() == 2
    page = client.get(AVAILABILITY)
    assert 'value="13:30"' in page.text


def test_a_cap_above_the_programmes_or_an_end_before_the_start_is_refused(client, alice, settings):
    settings.PEER_MAX_OPEN_REQUESTS = 3
    client.force_login(alice)
    response = client.post(
        AVAILABILITY,
        {**hours(day1=("17:00", "08:00"), day2=("09:00", "")), "max_open_requests": "5"},
    )
    assert response.status_code == 200
    assert "Give both times, or neither." in response.text
    assert "The end comes after the start" in response.text
    assert not AvailabilitySlot.objects.exists()


def test_staff_without_a_peer_record_get_a_404_on_the_hours(client, carol):
    client.force_login(carol)
    assert client.post(AVAILABILITY, hours(day0=("08:00", "12:00"))).status_code == 404
    assert not AvailabilitySlot.objects.exists()


# Time away -------------------------------------------------------------------------------


def test_a_peer_records_time_away(client, alice):
    client.force_login(alice)
    first = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("peers:me_away_add"),
        {"first_day": first.isoformat(), "last_day": (first + timedelta(days=6)).isoformat()},
    )
    assert response.status_code == 302
    away = TimeAway.objects.get()
    assert (away.peer, away.last_day - away.first_day) == (alice.peer_profile, timedelta(days=6))
    assert LogEntry.objects.get_for_object(away).exists()


def test_time_away_ending_before_it_starts_is_refused(client, alice):
    client.force_login(alice)
    first = timezone.localdate() + timedelta(days=3)
    data = {"first_day": first.isoformat(), "last_day": (first - timedelta(days=1)).isoformat()}
    client.post(reverse("peers:me_away_add"), data)
    assert not TimeAway.objects.exists()


def test_staff_cannot_record_time_away(client, carol):
    client.force_login(carol)
    day = timezone.localdate().isoformat()
    response = client.post(reverse("peers:me_away_add"), {"first_day": day, "last_day": day})
    assert response.status_code == 404


def test_recording_time_away_by_get_is_refused(client, alice):
    client.force_login(alice)
    assert client.get(reverse("peers:me_away_add")).status_code == 405


def away_of(user):
    day = timezone.localdate()
    return TimeAway.objects.create(peer=user.peer_profile, first_day=day, last_day=day)


def test_a_peer_removes_their_time_away(client, alice):
    away = away_of(alice)
    client.force_login(alice)
    assert client.post(reverse("peers:me_away_delete", args=[away.pk])).status_code == 302
    assert not TimeAway.objects.exists()


def test_another_peers_time_away_is_a_404(client, alice, bob):
    away = away_of(bob)
    client.force_login(alice)
    assert client.post(reverse("peers:me_away_delete", args=[away.pk])).status_code == 404
    assert TimeAway.objects.filter(pk=away.pk).exists()


def test_staff_get_a_404_when_removing_time_away(client, alice, carol):
    away = away_of(alice)
    client.force_login(carol)
    assert client.post(reverse("peers:me_away_delete", args=[away.pk])).status_code == 404


def test_removing_time_away_by_get_is_refused(client, alice):
    away = away_of(alice)
    client.force_login(alice)
    assert client.get(reverse("peers:me_away_delete", args=[away.pk])).status_code == 405


# The on-call rota ------------------------------------------------------------------------

ROTA = reverse("peers:on_call_rota")


def shift_data(peer, start, hours=12):
    return {
        "site": site("Oncopole").pk,
        "peer": peer.pk,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"),
    }


def tonight():
    today = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(timezone.datetime.combine(today, time(20)))


def test_a_coordinator_puts_a_peer_on_call(client, quinn, bob):
    client.force_login(quinn)
    response = client.post(ROTA, shift_data(bob.peer_profile, tonight()))
    assert response.status_code == 302
    shift = OnCallShift.objects.get()
    assert (shift.peer, shift.ends_at - shift.starts_at) == (bob.peer_profile, timedelta(hours=12))
    assert LogEntry.objects.get_for_object(shift).exists()
    assert "Bob Bernard" in client.get(ROTA).text


def test_a_shift_ending_before_it_starts_or_over_two_weeks_is_refused(client, quinn, bob):
    client.force_login(quinn)
    assert client.post(ROTA, shift_data(bob.peer_profile, tonight(), hours=-1)).status_code == 200
    assert client.post(ROTA, shift_data(bob.peer_profile, tonight(), hours=400)).status_code == 200
    assert not OnCallShift.objects.exists()


def test_peers_and_staff_cannot_keep_the_rota(client, alice, bob):
    client.force_login(alice)
    assert client.post(ROTA, shift_data(bob.peer_profile, tonight())).status_code == 403
    assert not OnCallShift.objects.exists()


def make_shift(peer):
    return OnCallShift.objects.create(
        site=site("Oncopole"),
        peer=peer,
        starts_at=tonight(),
        ends_at=tonight() + timedelta(hours=12),
    )


def test_a_coordinator_removes_a_shift(client, quinn, bob):
    shift = make_shift(bob.peer_profile)
    client.force_login(quinn)
    assert client.post(reverse("peers:on_call_delete", args=[shift.pk])).status_code == 302
    assert not OnCallShift.objects.exists()


def test_an_unknown_shift_is_a_404(client, quinn):
    client.force_login(quinn)
    assert client.post(reverse("peers:on_call_delete", args=[999999])).status_code == 404


def test_a_peer_cannot_remove_a_shift(client, alice, bob):
    shift = make_shift(bob.peer_profile)
    client.force_login(alice)
    assert client.post(reverse("peers:on_call_delete", args=[shift.pk])).status_code == 403
    assert OnCallShift.objects.exists()


def test_removing_a_shift_by_get_is_refused(client, quinn, bob):
    shift = make_shift(bob.peer_profile)
    client.force_login(quinn)
    assert client.get(reverse("peers:on_call_delete", args=[shift.pk])).status_code == 405


def test_the_programmes_pause_is_not_a_choice_of_the_coordinators(client, quinn, bob):
    client.force_login(quinn)
    page = client.get(reverse("peers:manage_edit", args=[bob.peer_profile.pk]))
    assert 'value="programme"' not in page.text
