"""Round the clock: weekly hours, time away, the on-call rota, the honest promise and the
peers' wellbeing, with the clock moved rather than waited for."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from peers.models import AvailabilitySlot, OnCallShift, RequestedBy, Status, TimeAway
from support_requests import availability, services
from support_requests.clock import tick
from support_requests.models import CheckIn, FollowUp, Offer, SupportRequest
from support_requests.models import Status as RequestStatus
from svsupport.models import QueuedMail
from tests.organisation.factories import site
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


def at(weekday, hour, minute=0, weeks=1):
    """A local moment next week (Monday is 0)."""
    today = timezone.localdate()
    day = today + timedelta(days=7 * weeks - today.weekday() + weekday)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def office_hours(peer, days=range(5), start=8, end=17):
    for day in days:
        AvailabilitySlot.objects.create(
            peer=peer, weekday=day, starts_at=time(start), ends_at=time(end)
        )


def on_call(peer, start, hours=12):
    return OnCallShift.objects.create(
        site=site("Oncopole"), peer=peer, starts_at=start, ends_at=start + timedelta(hours=hours)
    )


def offer_at(support_request, now):
    """What matching does with the request at `now` (the row lock is the caller's)."""
    support_request.status = RequestStatus.OFFERED
    return services.offer_to_next_peer(support_request, now=now)


@pytest.fixture(autouse=True)
def _keep_sent_mail(settings):
    # The clock moved weeks ahead would otherwise delete the e-mails these tests count.
    settings.MAIL_QUEUE_KEEP_DAYS = 1000


def queued_to(user):
    return QueuedMail.objects.filter(recipient=user.email).count()


# Weekly hours and time away --------------------------------------------------------------


def test_a_peer_is_offered_requests_within_their_hours_only(alice, carol):
    office_hours(alice.peer_profile)
    monday_morning = at(0, 10)
    offer = offer_at(make_request(carol), monday_morning)
    assert offer.peer == alice.peer_profile
    assert not offer.on_call
    assert offer.expires_at - monday_morning == timedelta(minutes=120)
    assert offer_at(make_request(carol), at(0, 20)) is None
    assert offer_at(make_request(carol), at(5, 10)) is None  # Saturday


def test_a_peer_with_no_weekly_hours_has_no_limit_by_the_hour(alice, carol):
    assert offer_at(make_request(carol), at(6, 3)).peer == alice.peer_profile


def test_time_away_stops_every_offer_that_day(alice, carol):
    office_hours(alice.peer_profile)
    wednesday = at(2, 10)
    TimeAway.objects.create(
        peer=alice.peer_profile, first_day=wednesday.date(), last_day=wednesday.date()
    )
    assert offer_at(make_request(carol), wednesday) is None
    assert offer_at(make_request(carol), at(3, 10)).peer == alice.peer_profile


def test_peers_within_their_hours_come_before_the_peer_on_call(alice, bob, carol):
    office_hours(alice.peer_profile)
    office_hours(bob.peer_profile)
    on_call(bob.peer_profile, at(0, 9))
    assert offer_at(make_request(carol), at(0, 10)).on_call is False


# The on-call rota ------------------------------------------------------------------------


def test_at_night_the_peer_on_call_is_offered_the_request_with_the_shorter_window(
    alice, bob, carol, settings
):
    settings.ONCALL_ACCEPT_WINDOW_MINUTES = 30
    office_hours(alice.peer_profile)
    office_hours(bob.peer_profile)
    on_call(bob.peer_profile, at(1, 20))
    night = at(2, 3)  # Wednesday, 3 a.m.
    offer = offer_at(make_request(carol), night)
    assert offer.peer == bob.peer_profile
    assert offer.on_call
    assert offer.expires_at - night == timedelta(minutes=30)


def test_the_on_call_offer_is_reminded_halfway_through_its_own_window(alice, bob, carol):
    office_hours(alice.peer_profile)
    office_hours(bob.peer_profile)
    on_call(bob.peer_profile, at(1, 20))
    night = at(2, 3)
    offer = offer_at(make_request(carol), night)
    assert tick(night + timedelta(minutes=10)).reminded == 0
    assert tick(night + timedelta(minutes=16)).reminded == 1
    assert Offer.objects.get(pk=offer.pk).reminded_at is not None


def test_nobody_on_call_at_night_sends_the_request_to_the_coordinators(alice, carol, quinn):
    office_hours(alice.peer_profile)
    support_request = make_request(carol)
    assert offer_at(support_request, at(2, 3)) is None
    assert support_request.status == RequestStatus.DISPATCH


# The honest promise ----------------------------------------------------------------------


def test_the_promise_at_night_names_the_peer_on_call_and_the_window(alice, bob, carol, settings):
    settings.ONCALL_ACCEPT_WINDOW_MINUTES = 30
    office_hours(alice.peer_profile)
    office_hours(bob.peer_profile)
    on_call(bob.peer_profile, at(1, 20))
    support_request = make_request(carol)
    offer_at(support_request, at(2, 3))
    promise = availability.promise(support_request, at(2, 3))
    assert (promise.kind, promise.minutes, promise.period) == ("on_call", 30, "tonight")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(1, 22), "tomorrow morning"),  # Tuesday night
        (at(4, 22), "on Monday morning"),  # Friday night
        (at(0, 6), "later this morning"),  # Monday, before the hours
    ],
)
def test_without_anyone_on_call_the_promise_is_the_next_opening(alice, carol, now, expected):
    office_hours(alice.peer_profile)
    support_request = make_request(carol)
    offer_at(support_request, now)
    promise = availability.promise(support_request, now)
    assert (promise.kind, promise.when) == ("next_opening", expected)


def test_the_next_opening_skips_a_peer_away(alice, bob, carol):
    office_hours(alice.peer_profile)
    office_hours(bob.peer_profile, start=13)
    tuesday = at(1, 0).date() + timedelta(days=1)
    TimeAway.objects.create(peer=alice.peer_profile, first_day=tuesday, last_day=tuesday)
    promise = availability.promise(make_request(carol, status="dispatch"), at(1, 22))
    assert promise.when == "tomorrow afternoon"


def test_the_sent_page_tells_the_on_call_promise_and_the_24_7_lines(client, alice, bob, carol):
    support_request = make_request(carol, offered_to=bob.peer_profile)
    Offer.objects.filter(support_request=support_request).update(on_call=True)
    client.force_login(carol)
    response = client.get(reverse("requests:sent", args=[support_request.pk]))
    assert "will answer within 30 minutes" in response.text
    assert "The peer on call" in response.text
    assert "answer day and night" in response.text
    assert "3114" in response.text


# Wellbeing -------------------------------------------------------------------------------


def test_a_peer_at_their_caseload_cap_is_offered_nothing(alice, bob, carol, dan, settings):
    settings.PEER_MAX_OPEN_REQUESTS = 2
    for _ in range(2):
        make_request(dan, assigned_to=alice.peer_profile)
    assert offer_at(make_request(carol), at(0, 10)).peer == bob.peer_profile


def test_a_peer_may_choose_a_lower_cap(alice, carol, dan, settings):
    settings.PEER_MAX_OPEN_REQUESTS = 3
    peer = alice.peer_profile
    peer.max_open_requests = 1
    peer.save()
    make_request(dan, assigned_to=peer)
    assert offer_at(make_request(carol), at(0, 10)) is None
    assert availability.peer_load(peer) == (1, 1)


def test_a_heavy_request_gives_the_peer_a_rest_without_a_word_about_it(alice, carol, settings):
    settings.PEER_HEAVY_REST_DAYS = 3
    peer = alice.peer_profile
    support_request = make_request(carol, assigned_to=peer)
    services.request_close(support_request=support_request, outcome="closed", heavy=True)
    peer.refresh_from_db()
    assert peer.resting_until > timezone.now() + timedelta(days=2, hours=23)
    assert offer_at(make_request(carol), timezone.now() + timedelta(days=2)) is None
    later = timezone.now() + timedelta(days=3, hours=1)
    assert offer_at(make_request(carol), later).peer == peer


def test_lapses_in_a_row_pause_the_peer_kindly_and_tell_the_coordinators(
    alice, carol, quinn, settings
):
    settings.PEER_LAPSES_BEFORE_PAUSE = 2
    peer = alice.peer_profile
    start = timezone.now()
    for round_ in range(2):
        moment = start + timedelta(hours=3 * round_)
        offer_at(make_request(carol), moment)
        tick(moment + timedelta(minutes=121))
    peer.refresh_from_db()
    assert peer.status == Status.PAUSED
    change = peer.status_changes.first()
    assert (change.requested_by, change.changed_by) == (RequestedBy.PROGRAMME, None)
    assert availability.paused_by_programme(peer)
    assert queued_to(alice) == 1 + 2  # the pause, after the two offers
    assert queued_to(quinn) >= 1


def test_a_peer_paused_after_lapses_keeps_no_other_offer(alice, bob, carol, dan, settings):
    settings.PEER_LAPSES_BEFORE_PAUSE = 1
    peer = alice.peer_profile
    lapsing = make_request(carol, offered_to=peer)
    waiting = make_request(dan, offered_to=peer)
    waiting.offers.update(expires_at=timezone.now() + timedelta(days=1))
    tick(timezone.now() + timedelta(hours=2, minutes=1))
    peer.refresh_from_db()
    assert peer.status == Status.PAUSED
    assert waiting.offers.get(peer=peer).state == Offer.State.CANCELLED
    assert waiting.pending_offer().peer == bob.peer_profile
    assert lapsing.offers.get(peer=peer).state == Offer.State.LAPSED


def test_an_answer_ends_the_run_of_lapses(alice, carol, settings):
    settings.PEER_LAPSES_BEFORE_PAUSE = 2
    peer = alice.peer_profile
    offer_at(make_request(carol), timezone.now())
    tick(timezone.now() + timedelta(minutes=121))
    second = make_request(carol, offered_to=peer)
    services.request_decline(request_id=second.pk, peer=peer)
    peer.refresh_from_db()
    assert peer.lapses_in_a_row == 0
    assert peer.status == Status.ACTIVE


def test_resuming_after_the_programmes_pause_starts_afresh(client, alice, settings):
    peer = alice.peer_profile
    peer.lapses_in_a_row = 3
    peer.save()
    peer.change_status(Status.PAUSED, by=None, requested_by=RequestedBy.PROGRAMME)
    client.force_login(alice)
    page = client.get(reverse("peers:me"))
    assert "We paused your offers" in page.text
    client.post(reverse("peers:me_status"), {"to_status": "active"})
    peer.refresh_from_db()
    assert (peer.status, peer.lapses_in_a_row) == (Status.ACTIVE, 0)


def test_a_peer_asking_for_support_is_never_offered_their_own_request(alice, bob):
    own = make_request(alice)
    assert [p.pk for p in services.candidate_peers(own)] == [bob.peer_profile.pk]
    own_chosen = make_request(alice, chosen_peer=alice.peer_profile)
    assert services.next_peer(own_chosen) is None


def test_a_peer_alone_asking_for_support_goes_to_the_coordinators(alice, quinn):
    own = make_request(alice)
    assert offer_at(own, timezone.now()) is None
    assert own.status == RequestStatus.DISPATCH


# "Someone else, please" ------------------------------------------------------------------


def test_someone_else_passes_the_offer_on_and_counts_nothing_against_the_peer(
    alice, bob, carol, settings
):
    settings.PEER_LAPSES_BEFORE_PAUSE = 1
    support_request = make_request(carol)
    first = offer_at(support_request, timezone.now())
    services.request_pass_on(request_id=support_request.pk, offer_id=first.pk)
    first.refresh_from_db()
    assert first.state == Offer.State.PASSED_ON
    assert support_request.pending_offer().peer != first.peer
    first.peer.refresh_from_db()
    assert (first.peer.status, first.peer.lapses_in_a_row) == (Status.ACTIVE, 0)


def test_someone_else_on_an_offer_that_changed_meanwhile_passes_nobody_on(alice, bob, carol):
    support_request = make_request(carol)
    first = offer_at(support_request, timezone.now())
    services.request_decline(request_id=support_request.pk, peer=first.peer)
    with pytest.raises(services.AlreadyTaken):
        services.request_pass_on(request_id=support_request.pk, offer_id=first.pk)
    assert support_request.offers.filter(state=Offer.State.PENDING).count() == 1


# Check-ins led by the peer and follow-ups ------------------------------------------------


def log_meeting(support_request, held_on):
    from support_requests.forms import MeetingForm

    form = MeetingForm(
        {"held_on": held_on, "duration": "15_30", "modality": "phone", "outcome": "closed"}
    )
    assert form.is_valid(), form.errors
    return services.request_log_meeting(support_request=support_request, **form.cleaned_data)


def test_the_peer_is_reminded_to_check_in_at_72_hours_and_2_weeks(alice, carol):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    held_on = timezone.localdate()
    log_meeting(support_request, held_on)
    log_meeting(support_request, held_on)  # later meetings add no reminder
    evening = timezone.make_aware(datetime.combine(held_on, time(18)))
    assert [c.due_at - evening for c in CheckIn.objects.all()] == [
        timedelta(hours=72),
        timedelta(hours=336),
    ]
    before = queued_to(alice)
    assert tick(evening + timedelta(hours=71)).check_ins == 0
    assert tick(evening + timedelta(hours=73)).check_ins == 1
    assert tick(evening + timedelta(hours=337)).check_ins == 1
    assert queued_to(alice) == before + 2
    assert tick(evening + timedelta(hours=400)).check_ins == 0


def test_the_assigned_peer_sees_when_to_check_in(client, alice, carol):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    log_meeting(support_request, timezone.localdate())
    client.force_login(alice)
    page = client.get(reverse("requests:detail", args=[support_request.pk]))
    assert "Checking in with the colleague" in page.text


def test_no_check_in_reminder_for_a_withdrawn_request(alice, carol):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    log_meeting(support_request, timezone.localdate())
    services.request_withdraw(support_request=support_request)
    before = queued_to(alice)
    tick(timezone.now() + timedelta(days=20))
    assert queued_to(alice) == before


def test_a_request_closed_without_a_meeting_still_gets_its_follow_ups(alice, carol, settings):
    settings.REQUEST_FOLLOW_UP_HOURS = [72]
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    services.request_close(support_request=support_request, outcome="closed")
    assert FollowUp.objects.filter(support_request=support_request).count() == 1
    before = queued_to(carol)
    assert tick(timezone.now() + timedelta(hours=71)).follow_ups == 0
    assert tick(timezone.now() + timedelta(hours=73)).follow_ups == 1
    assert queued_to(carol) == before + 1


def test_the_purge_erases_the_check_ins(alice, carol):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    log_meeting(support_request, timezone.localdate())
    services.request_close(support_request=support_request, outcome="closed")
    services.request_purge(support_request=SupportRequest.objects.get(pk=support_request.pk))
    assert not CheckIn.objects.exists()


def test_with_no_hours_known_the_promise_is_the_coordinators_office_hours(alice, carol):
    support_request = make_request(carol, status="dispatch")
    assert availability.promise(support_request, at(1, 22)).kind == "coordinators"


def test_the_sent_page_at_night_tells_when_a_peer_will_contact(client, alice, carol):
    office_hours(alice.peer_profile, days=range(7), start=0, end=1)
    support_request = make_request(carol, status="dispatch")
    client.force_login(carol)
    page = client.get(reverse("requests:sent", args=[support_request.pk]))
    assert "No peer supporter is available at this hour: a peer will contact you" in page.text
