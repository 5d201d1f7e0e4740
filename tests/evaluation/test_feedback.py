import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import FeedbackCount, FeedbackInvitation
from support_requests.models import FollowUp, Status
from svsupport.models import QueuedMail
from tests.evaluation.helpers import audit_entries_of_answers, tables_holding
from tests.support_requests.factories import make_request

FEEDBACK = reverse("evaluation:feedback")
ANSWERS = {"listened": "5", "helped": "4", "recommend": "5", "more_help": "sooner"}


def closed_by_peer(client, requester, peer_user):
    support_request = make_request(requester, assigned_to=peer_user.peer_profile)
    client.force_login(peer_user)
    response = client.post(
        reverse("requests:close", args=[support_request.pk]), {"outcome": "closed"}
    )
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == Status.CLOSED
    return support_request


def card_link(client, requester, support_request):
    client.force_login(requester)
    page = client.get(reverse("requests:detail", args=[support_request.pk])).content.decode()
    match = re.search(r'href="/evaluation/feedback/\?token=([0-9a-f]+)"', page)
    return match.group(1) if match else None


def test_closing_invites_the_requester_by_a_link_only_and_keeps_a_month_and_a_hash(
    client, carol, bob
):
    support_request = closed_by_peer(client, carol, bob)
    invitation = FeedbackInvitation.objects.get()
    assert invitation.month == timezone.localdate().replace(day=1)
    assert len(invitation.token_hash) == 64
    queued = QueuedMail.objects.filter(recipient="carol@hospital.example")
    assert queued.count() == 1
    body = queued.get().body
    assert reverse("requests:detail", args=[support_request.pk]) in body
    assert "feedback" not in body and "token" not in body


def test_the_requester_answers_once_from_the_card_and_the_card_goes(client, carol, bob):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    assert token
    assert client.get(FEEDBACK, {"token": token}).status_code == 200
    response = client.post(FEEDBACK, {"token": token, **ANSWERS})
    assert "Thank you" in response.content.decode()
    counts = {(row.question, row.choice): row.count for row in FeedbackCount.objects.all()}
    assert counts == {
        ("answered", "yes"): 1,
        ("listened", "5"): 1,
        ("helped", "4"): 1,
        ("recommend", "5"): 1,
        ("more_help", "sooner"): 1,
    }
    assert not FeedbackInvitation.objects.exists()
    assert client.post(FEEDBACK, {"token": token, **ANSWERS}).status_code == 404
    assert client.get(FEEDBACK, {"token": token}).status_code == 404
    assert card_link(client, carol, support_request) is None
    assert FeedbackCount.objects.get(question="answered").count == 1


def test_every_question_is_optional_and_no_free_text_is_kept(client, carol, bob):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    client.post(FEEDBACK, {"token": token, "helped": "2", "comment": "my name is Carol"})
    assert set(FeedbackCount.objects.values_list("question", "choice")) == {
        ("answered", "yes"),
        ("helped", "2"),
    }
    assert not tables_holding("my name is Carol")


@pytest.mark.parametrize("token", ["", "0" * 64, "nonsense", "x" * 5000])
def test_an_unknown_token_is_a_404_and_counts_nothing(client, dan, token):
    client.force_login(dan)
    assert client.get(FEEDBACK, {"token": token}).status_code == 404
    assert client.post(FEEDBACK, {"token": token, **ANSWERS}).status_code == 404
    assert not FeedbackCount.objects.exists()


def test_anyone_holding_the_token_answers_as_nobody(client, carol, bob, dan):
    """The token is the capability: the answer does not depend on, nor record, who sends it."""
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    client.force_login(dan)
    client.post(FEEDBACK, {"token": token, **ANSWERS})
    assert FeedbackCount.objects.get(question="answered").count == 1


def test_a_lapsed_invitation_cannot_be_used(client, carol, bob, settings):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    FeedbackInvitation.objects.update(expires_on=timezone.localdate() - timedelta(days=1))
    assert card_link(client, carol, support_request) is None
    assert client.post(FEEDBACK, {"token": token, **ANSWERS}).status_code == 404


def test_a_request_closed_again_after_a_follow_up_is_not_invited_twice(client, carol, bob):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    client.post(FEEDBACK, {"token": token, **ANSWERS})
    FollowUp.objects.create(support_request=support_request, due_at=timezone.now(), answer="yes")
    support_request.status = Status.ACCEPTED
    support_request.save()
    client.force_login(bob)
    client.post(reverse("requests:close", args=[support_request.pk]), {"outcome": "closed"})
    assert not FeedbackInvitation.objects.exists()


def test_a_key_rotation_keeps_the_invitations(client, carol, bob, settings):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-" + "x" * 20
    assert services.invitation_for(support_request) == token


def test_no_row_and_no_audit_entry_ties_the_answer_to_the_request_the_person_or_the_session(
    client, carol, bob
):
    support_request = closed_by_peer(client, carol, bob)
    token = card_link(client, carol, support_request)
    invitation_hash = FeedbackInvitation.objects.get().token_hash
    last_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.post(FEEDBACK, {"token": token, **ANSWERS})
    # Nothing anywhere holds the token or its hash any more: the link between the request
    # (whose page showed the token) and the counters is gone.
    assert tables_holding(token, invitation_hash) == set()
    # The counters hold a month, a question, a choice and a count; nothing else.
    for row in FeedbackCount.objects.values():
        assert set(row) == {"id", "month", "question", "choice", "count"}
        assert row["month"].day == 1
    # The answer wrote no audit entry at all (and none exists about the evaluation's rows).
    assert not LogEntry.objects.filter(pk__gt=last_entry or 0).exists()
    assert not audit_entries_of_answers().exists()
    # The session stores nothing of the questionnaire.
    session = client.session
    assert all(token not in str(value) for value in session.values())
    # And the request itself keeps nothing about the questionnaire.
    support_request.refresh_from_db()
    assert "feedback" not in str({f.name for f in support_request._meta.get_fields()})
