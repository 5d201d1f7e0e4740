"""The acceptance clock, with time moved rather than waited for."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from support_requests.clock import tick
from support_requests.forms import SupportRequestForm
from support_requests.models import FollowUp, Meeting, Offer, Status, SupportRequest
from support_requests.services import request_create
from svsupport.lib.mail import notify, undelivered
from svsupport.models import QueuedMail
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import form_data, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool():
    return [
        make_peer(make_user(name), department=f"Dept {name}")
        for name in ["nina", "omar", "rose", "theo"]
    ]


def create(user, **data):
    form = SupportRequestForm(form_data(**data))
    assert form.is_valid(), form.errors
    return request_create(requester=user, **form.request_values())


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_lapsed_offer_passes_to_the_next_peer_then_to_dispatch(
    carol, quinn, pool, settings, django_capture_on_commit_callbacks
):
    settings.REQUEST_MAX_OFFERS = 3
    with django_capture_on_commit_callbacks(execute=True):
        support_request = create(carol)
    first = support_request.pending_offer()
    assert support_request.status == Status.OFFERED
    assert tick(later(60)).lapsed == 0
    assert tick(later(121)).lapsed == 1
    second = support_request.pending_offer()
    assert second.peer != first.peer
    assert Offer.objects.get(pk=first.pk).state == Offer.State.LAPSED
    tick(later(250))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tick(later(400))
    support_request.refresh_from_db()
    assert support_request.status == Status.DISPATCH
    assert support_request.went_to_dispatch
    assert support_request.offers.count() == 3
    assert mail.outbox[-1].to == ["quinn@hospital.example"]
    assert "/requests/dispatch/" in mail.outbox[-1].body


def test_the_clocks_batch_writes_the_audit_entries_a_save_would(carol, pool):
    """The clock writes offers and requests in bulk; the trail still shows them."""
    support_request = create(carol)
    tick(later(121))
    second = support_request.pending_offer()
    offer_type = ContentType.objects.get_for_model(Offer)
    created = LogEntry.objects.get(content_type=offer_type, object_pk=str(second.pk))
    assert created.action == LogEntry.Action.CREATE
    assert created.changes_dict["peer"][1] == str(second.peer_id)
    request_type = ContentType.objects.get_for_model(SupportRequest)
    updates = LogEntry.objects.filter(
        content_type=request_type,
        object_pk=str(support_request.pk),
        action=LogEntry.Action.UPDATE,
    )
    assert any(entry.changes_dict.get("offers_count") == ["1", "2"] for entry in updates)


def test_the_clock_is_idempotent(carol, pool):
    support_request = create(carol)
    tick(later(121))
    again = tick(later(121))
    assert again.lapsed == 0
    assert support_request.offers.count() == 2


def test_a_request_nobody_matches_goes_straight_to_dispatch(carol):
    support_request = create(carol)
    assert support_request.status == Status.DISPATCH


def test_the_offered_peer_is_reminded_once_halfway(carol, pool, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create(carol)  # the offer's own e-mail goes out after the commit
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(later(61)).reminded == 1
        assert tick(later(70)).reminded == 0
    assert len(mail.outbox) == 1


def test_follow_ups_are_sent_when_due_and_once(carol, pool, django_capture_on_commit_callbacks):
    support_request = make_request(carol, assigned_to=pool[0])
    due = timezone.now() - timedelta(minutes=1)
    FollowUp.objects.create(support_request=support_request, due_at=due)
    FollowUp.objects.create(
        support_request=support_request, due_at=timezone.now() + timedelta(days=9)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tick().follow_ups == 1
        assert tick().follow_ups == 0
    assert mail.outbox[-1].to == ["carol@hospital.example"]
    assert "Secret" not in mail.outbox[-1].body


def test_the_purge_erases_identity_and_keeps_figures(carol, pool, settings):
    support_request = make_request(carol, assigned_to=pool[0])
    support_request.first_contact_at = support_request.created_at + timedelta(minutes=42)
    support_request.accepted_at = support_request.created_at + timedelta(minutes=12)
    support_request.status = Status.CLOSED
    support_request.closed_at = timezone.now()
    support_request.close_outcome = "psychological"
    support_request.save()
    Meeting.objects.create(
        support_request=support_request, held_on=timezone.localdate(), duration="15_30",
        modality="phone", outcome="psychological",
    )  # fmt: skip
    before_retention = timezone.now() + timedelta(days=settings.REQUEST_RETENTION_DAYS - 1)
    assert tick(before_retention).purged == 0
    after = timezone.now() + timedelta(days=settings.REQUEST_RETENTION_DAYS + 1)
    assert tick(after).purged == 1
    purged = SupportRequest.objects.get(pk=support_request.pk)
    assert purged.requester is None and purged.assigned_peer is None
    assert purged.message is None and purged.contact_detail is None
    assert purged.requester_department is None
    assert (purged.minutes_to_accept, purged.minutes_to_first_contact) == (12, 42)
    assert (purged.meetings_count, purged.close_outcome) == (1, "psychological")
    assert timezone.localtime(purged.created_at).day == 1
    assert not purged.meetings.exists()
    snapshot = SupportRequest.objects.filter(pk=purged.pk).values().get()
    assert tick(after + timedelta(days=1)).purged == 0
    assert SupportRequest.objects.filter(pk=purged.pk).values().get() == snapshot


def test_the_purge_anonymises_the_audit_trail(carol, pool):
    from auditlog.models import LogEntry

    support_request = make_request(carol, assigned_to=pool[0])
    support_request.status = Status.WITHDRAWN
    support_request.closed_at = timezone.now() - timedelta(days=400)
    support_request.save()
    tick()
    entries = LogEntry.objects.get_for_object(support_request)
    assert entries.exists()
    assert not entries.filter(actor__isnull=False).exists()
    assert not entries.exclude(changes=None).exists()


def test_the_tick_command_reports_one_line(carol, pool, capsys):
    call_command("tick")
    out = capsys.readouterr().out
    assert out.startswith("tick: 0 offer(s) lapsed")
    assert out.count("\n") == 1


def test_with_the_mail_server_down_every_step_runs_and_the_mail_waits(
    carol, pool, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        support_request = create(carol)
    first_peer = support_request.pending_offer().peer.user
    assert smtp_server.recipients() == [first_peer.email]
    follow_up = make_request(carol, assigned_to=pool[0])
    FollowUp.objects.create(support_request=follow_up, due_at=later(90))
    expired = make_request(carol, status=Status.WITHDRAWN, closed_at=later(-400 * 24 * 60))
    smtp_server.stop()

    halfway = tick(later(61))
    assert (halfway.reminded, halfway.purged, halfway.mailed.deferred) == (1, 1, 1)
    lapsed = tick(later(121))
    assert (lapsed.lapsed, lapsed.follow_ups, lapsed.mailed.deferred) == (1, 1, 3)
    assert halfway.failed == lapsed.failed == []
    assert SupportRequest.objects.get(pk=expired.pk).purged_at is not None
    second_peer = support_request.pending_offer().peer.user
    assert second_peer != first_peer
    assert smtp_server.recipients() == [first_peer.email], "nothing reached the server"
    assert undelivered().count == 3

    smtp_server.start()
    assert tick(later(130)).mailed.sent == 3
    assert tick(later(135)).mailed.sent == 0
    assert smtp_server.recipients() == sorted(
        [first_peer.email, first_peer.email, second_peer.email, carol.email]
    )
    assert undelivered().count == 0


def test_a_failing_step_is_logged_in_one_line_and_the_others_still_run(
    carol, pool, monkeypatch, caplog, capsys
):
    from support_requests import clock

    def broken(now):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(clock, "remind_offers", broken)
    create(carol)
    with pytest.raises(CommandError, match="remind_offers"):
        call_command("tick")
    assert capsys.readouterr().out.startswith("tick: 0 offer(s) lapsed")
    report = tick(later(121))
    assert (report.lapsed, report.mailed.sent, report.failed) == (1, 1, ["remind_offers"])
    failures = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert failures == ["tick: step remind_offers failed (RuntimeError)"] * 2


def test_the_purge_forgets_the_e_mails_that_link_to_the_request(carol, pool, smtp_server):
    support_request = make_request(carol, assigned_to=pool[0])
    FollowUp.objects.create(support_request=support_request, due_at=later(-1))
    other = make_request(carol, assigned_to=pool[1])
    FollowUp.objects.create(support_request=other, due_at=later(-1))
    assert tick().mailed.sent == 2, "a tick sends the e-mails its own steps queued"
    assert QueuedMail.objects.filter(sent_at__isnull=False).count() == 2, "sent and kept"
    support_request.status = Status.WITHDRAWN
    support_request.closed_at = later(-400 * 24 * 60)
    support_request.save()
    smtp_server.stop()
    notify([pool[0].user], reverse("requests:detail", args=[support_request.pk]))
    assert tick().purged == 1
    path = reverse("requests:detail", args=[support_request.pk])
    assert not QueuedMail.objects.filter(body__contains=path).exists()
    assert QueuedMail.objects.filter(body__contains=str(other.pk)).count() == 1
