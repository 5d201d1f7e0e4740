"""Reaching in: a coordinator's outreach and a colleague's referral both end as one
content-free invitation that only its invitee may see; a yes becomes the invitee's own
request, and nobody else learns how they answered."""

import re
import uuid
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from figures.periods import quarter_of
from figures.queries import reaching_in_figures
from figures.tables import reaching_in_table
from support_requests.clock import tick
from support_requests.models import Invitation, InvitationTally, Outreach, Status, SupportRequest
from svsupport.models import QueuedMail
from tests.support_requests.factories import comparable, form_data

pytestmark = pytest.mark.django_db


def without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def invitation_url(invitation, name="invitation"):
    return reverse(f"requests:{name}", args=[invitation.pk])


def record_outreach(client, quinn, *names, category="adverse_event"):
    client.force_login(quinn)
    data = {"invitees": "\n".join(names), "category": category}
    return client.post(reverse("requests:outreach_new"), data)


# Recording an outreach -----------------------------------------------------------------


def test_an_outreach_invites_each_colleague_by_a_link_only_email(
    client, quinn, carol, dan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = record_outreach(client, quinn, "carol", "DAN@hospital.example")
    assert response["Location"] == reverse("requests:outreach_list")
    outreach = Outreach.objects.get()
    assert (outreach.recorded_by, outreach.category, outreach.invited_count) == (
        quinn,
        "adverse_event",
        2,
    )
    invitations = {invitation.invitee: invitation for invitation in Invitation.objects.all()}
    assert set(invitations) == {carol, dan}
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert set(sent) == {"carol@hospital.example", "dan@hospital.example"}
    assert invitation_url(invitations[dan]) in sent["dan@hospital.example"]
    assert "adverse" not in sent["dan@hospital.example"].lower()
    assert InvitationTally.objects.get().invited == 2


def test_an_outreach_names_unknown_accounts_and_records_nothing(client, quinn, carol):
    response = record_outreach(client, quinn, "carol", "nobody-here")
    assert "nobody-here" in response.content.decode()
    assert not Outreach.objects.exists() and not Invitation.objects.exists()


def test_a_coordinator_cannot_invite_themselves(client, quinn, carol):
    response = record_outreach(client, quinn, "quinn", "carol")
    assert "You cannot invite yourself" in response.content.decode()
    assert not Invitation.objects.exists()


def test_recording_an_outreach_is_for_coordinators_only(client, carol, dan):
    client.force_login(carol)
    response = client.post(reverse("requests:outreach_new"), {"invitees": "dan"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_colleague_already_invited_gets_no_second_invitation(client, quinn, dan):
    record_outreach(client, quinn, "dan")
    record_outreach(client, quinn, "dan")
    assert Invitation.objects.filter(invitee=dan).count() == 1
    assert Outreach.objects.count() == 2


# The invitation: only the invitee ------------------------------------------------------


def test_an_invitation_is_a_404_to_everyone_but_its_invitee(client, quinn, carol, alice, dan):
    record_outreach(client, quinn, "dan")
    client.get(reverse("home"))  # shows (and so clears) the "Recorded" message
    invitation = Invitation.objects.get()
    for outsider in [quinn, carol, alice]:
        client.force_login(outsider)
        for name in ["invitation", "invitation_answer"]:
            response = client.post(invitation_url(invitation, name), {"answer": "no"})
            unknown_id = uuid.uuid4()
            unknown = client.post(reverse(f"requests:{name}", args=[unknown_id]), {"answer": "no"})
            assert response.status_code == unknown.status_code == 404
            assert comparable(response, invitation.pk) == comparable(unknown, unknown_id)
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    client.force_login(dan)
    page = client.get(invitation_url(invitation)).content.decode()
    assert "touching base" in page.lower()


def test_answering_refuses_get(client, quinn, dan):
    record_outreach(client, quinn, "dan")
    client.force_login(dan)
    assert (
        client.get(invitation_url(Invitation.objects.get(), "invitation_answer")).status_code == 405
    )


def test_the_invitee_finds_the_invitation_on_their_requests_page(client, quinn, dan):
    record_outreach(client, quinn, "dan")
    client.force_login(dan)
    page = client.get(reverse("requests:mine")).content.decode()
    assert invitation_url(Invitation.objects.get()) in page


def test_yes_becomes_the_invitees_own_request_matched_as_any_other(
    client, quinn, dan, alice, django_capture_on_commit_callbacks
):
    record_outreach(client, quinn, "dan")
    invitation = Invitation.objects.get()
    client.force_login(dan)
    data = form_data(requester_department="", situation="adverse_event")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitation_url(invitation), data)
    support_request = SupportRequest.objects.get()
    assert response["Location"] == reverse("requests:sent", args=[support_request.pk])
    assert support_request.requester == dan
    assert support_request.status == Status.OFFERED
    assert support_request.pending_offer().peer == alice.peer_profile
    assert not Invitation.objects.exists()
    assert InvitationTally.objects.get().taken_up == 1
    assert client.get(invitation_url(invitation)).status_code == 404


def test_yes_sent_twice_makes_one_request_and_both_lead_to_it(client, quinn, dan, alice):
    record_outreach(client, quinn, "dan")
    invitation = Invitation.objects.get()
    client.force_login(dan)
    data = form_data(requester_department="")
    first = client.post(invitation_url(invitation), data)
    second = client.post(invitation_url(invitation), data)
    support_request = SupportRequest.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("requests:sent", args=[support_request.pk])
    )
    # Someone else's form id, or none, is the usual 404.
    client.force_login(quinn)
    assert client.post(invitation_url(invitation), data).status_code == 404
    client.force_login(dan)
    assert client.post(invitation_url(invitation), {"submission_id": "²"}).status_code == 404


def test_no_thank_you_erases_the_invitation_and_its_email(
    client, quinn, dan, django_capture_on_commit_callbacks
):
    record_outreach(client, quinn, "dan")
    invitation = Invitation.objects.get()
    assert QueuedMail.objects.filter(body__contains=str(invitation.pk)).exists()
    client.force_login(dan)
    response = client.post(invitation_url(invitation, "invitation_answer"), {"answer": "no"})
    assert response["Location"] == reverse("requests:mine")
    assert not Invitation.objects.exists()
    assert not SupportRequest.objects.exists()
    assert not QueuedMail.objects.filter(body__contains=str(invitation.pk)).exists()
    assert InvitationTally.objects.get().taken_up == 0


def test_not_now_keeps_the_invitation_until_the_retention_ends(client, quinn, dan, settings):
    settings.OUTREACH_RETENTION_DAYS = 14
    record_outreach(client, quinn, "dan")
    invitation = Invitation.objects.get()
    client.force_login(dan)
    client.post(invitation_url(invitation, "invitation_answer"), {"answer": "not_now"})
    assert Invitation.objects.get().postponed_at is not None
    assert tick(timezone.now() + timedelta(days=13)).invitations_erased == 0
    assert Invitation.objects.exists()
    report = tick(timezone.now() + timedelta(days=14, minutes=1))
    assert report.invitations_erased == 1
    assert not Invitation.objects.exists()
    assert not QueuedMail.objects.filter(body__contains=str(invitation.pk)).exists()
    assert tick(timezone.now() + timedelta(days=15)).invitations_erased == 0
    assert InvitationTally.objects.get().invited == 1


# Nobody else learns the answer ---------------------------------------------------------


def every_row_as_text():
    """Every row of every table of the project (and the audit log), as text."""
    rows = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            rows += [(table, " ".join(map(str, row))) for row in cursor.fetchall()]
    return rows


def test_after_a_yes_no_row_ties_the_request_to_the_outreach_or_invitation(
    client, quinn, dan, alice
):
    record_outreach(client, quinn, "dan")
    invitation = Invitation.objects.get()
    outreach = Outreach.objects.get()
    client.force_login(quinn)
    client.get(reverse("home"))  # shows (and so clears) the "Recorded" message
    before = client.get(reverse("requests:outreach_list"))
    client.force_login(dan)
    client.post(invitation_url(invitation), form_data(requester_department=""))
    support_request = SupportRequest.objects.get()
    for table, row in every_row_as_text():
        assert str(invitation.pk) not in row, table
        if str(support_request.pk) in row:
            assert str(outreach.pk) not in row, table
    assert not LogEntry.objects.filter(object_pk=str(invitation.pk)).exists()
    # The coordinator's page reads the same as before the answer.
    client.force_login(quinn)
    after = client.get(reverse("requests:outreach_list"))
    assert without_csrf(after) == without_csrf(before)


def test_the_outreach_list_shows_counts_never_people(client, quinn, carol, dan):
    record_outreach(client, quinn, "carol", "dan")
    page = client.get(reverse("requests:outreach_list")).content.decode()
    assert "An adverse event" in page
    assert "<td>2</td>" in page
    assert "carol" not in page.lower() and "Richard" not in page


# Referrals -----------------------------------------------------------------------------


def refer(client, referrer, colleague, name_me=False):
    client.force_login(referrer)
    data = {"colleague": colleague, **({"name_me": "on"} if name_me else {})}
    return client.post(reverse("requests:refer"), data, follow=True)


def test_a_referral_names_the_referrer_only_when_they_agree(client, carol, dan, bob):
    refer(client, carol, "dan", name_me=True)
    refer(client, carol, "bob")
    named = Invitation.objects.get(invitee=dan)
    anonymous = Invitation.objects.get(invitee=bob)
    assert named.named_referrer == carol and anonymous.named_referrer is None
    client.force_login(dan)
    assert "Carol Petit thought" in client.get(invitation_url(named)).content.decode()
    client.force_login(bob)
    page = client.get(invitation_url(anonymous)).content.decode()
    assert "A colleague thought" in page and "Carol" not in page.split("<main")[1]
    # Nothing else on the invitation points back to carol.
    assert Invitation.objects.filter(named_referrer=carol).get() == named


def test_the_referrer_reads_the_same_whatever_the_colleague_holds(client, carol, dan, quinn):
    first = refer(client, carol, "dan")
    record_outreach(Client(), quinn, "dan")  # dan now holds an invitation
    again = refer(client, carol, "dan")
    assert without_csrf(first) == without_csrf(again)
    assert Invitation.objects.filter(invitee=dan).count() == 1


def test_a_referral_declined_leaves_nothing(client, carol, dan):
    refer(client, carol, "dan", name_me=True)
    invitation = Invitation.objects.get()
    client.force_login(dan)
    client.post(invitation_url(invitation, "invitation_answer"), {"answer": "no"})
    leftovers = [table for table, row in every_row_as_text() if str(invitation.pk) in row]
    assert leftovers == []
    assert not SupportRequest.objects.exists()


def test_one_cannot_refer_oneself(client, carol):
    response = refer(client, carol, "carol")
    assert "Ask for a peer supporter" in response.content.decode()
    assert not Invitation.objects.exists()


def test_refer_is_a_form_for_any_staff_member(client, carol):
    client.force_login(carol)
    assert client.get(reverse("requests:refer")).status_code == 200


# Figures --------------------------------------------------------------------------------


def test_uptake_is_shown_only_when_takers_and_others_are_both_many(settings, db):
    settings.FIGURES_MIN_COUNT = 5
    month = timezone.localdate().replace(day=1)
    period = quarter_of(month)
    tally = InvitationTally.objects.create(month=month, source="outreach", invited=7, taken_up=0)

    def uptake():
        table = reaching_in_table(reaching_in_figures(period))
        return [(str(cells[0]), cells[1]) for label, cells in table.rows][0]

    assert uptake() == ("7", "not shown")  # "none of 7" would tell each answer
    tally.taken_up, tally.invited = 5, 9
    tally.save()
    assert uptake() == ("9", "not shown")  # 4 did not
    tally.invited = 10
    tally.save()
    assert uptake() == ("10", "5")
    tally.invited, tally.taken_up = 3, 1
    tally.save()
    assert uptake() == ("< 5", "not shown")
