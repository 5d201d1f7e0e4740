"""E-mails people can act on: each names its kind and deadline, in the recipient's
language, with a link built on SITE_URL, and nothing else (the link-only rule is checked
on every e-mail by the autouse fixture in tests/conftest.py)."""

from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support_requests.models import Status
from support_requests.services import request_assign, request_withdraw
from svsupport.lib.mail import Kind, notify
from svsupport.models import LanguagePreference, QueuedMail
from tests.people import PASSWORD
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db

DEADLINE = timezone.make_aware(datetime(2026, 11, 25, 14, 30))


def test_an_e_mail_names_its_kind_and_deadline(alice, settings):
    settings.SITE_URL = "https://support.hospital.example"
    notify([alice], "/requests/inbox/", kind=Kind.OFFER, deadline=DEADLINE)
    queued = QueuedMail.objects.get()
    assert queued.subject == "Peer support: a colleague is waiting for your answer"
    assert "A colleague is waiting for your answer until 25 Nov 2026, 14:30." in queued.body
    assert "https://support.hospital.example/requests/inbox/" in queued.body


def test_each_e_mail_is_in_its_recipients_language(alice, bob):
    LanguagePreference.objects.create(user=bob, language="fr")
    notify([alice, bob], "/requests/inbox/", kind=Kind.OFFER, deadline=DEADLINE)
    english = QueuedMail.objects.get(recipient=alice.email)
    french = QueuedMail.objects.get(recipient=bob.email)
    assert "until 25 Nov 2026, 14:30" in english.body
    assert "Un ou une collègue attend votre réponse jusqu’au 25/11/2026 14:30." in french.body
    assert french.subject.startswith("Soutien par les pairs")


def test_a_kind_without_a_deadline_says_what_is_waiting(carol):
    notify([carol], "/requests/", kind=Kind.FOLLOW_UP)
    assert QueuedMail.objects.get().body.startswith("A short question is waiting for your answer.")


def test_the_language_is_remembered_at_login_and_when_switching(client, carol):
    client.post(reverse("login"), {"username": "carol", "password": PASSWORD},
                HTTP_ACCEPT_LANGUAGE="fr")  # fmt: skip
    assert LanguagePreference.objects.get(user=carol).language == "fr"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert LanguagePreference.objects.get(user=carol).language == "en"


def test_a_language_the_site_does_not_offer_is_not_remembered(client, carol):
    client.force_login(carol)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert LanguagePreference.objects.get(user=carol).language == "en"


def test_a_peer_assigned_by_a_coordinator_is_told_with_the_promise(
    alice, dan, settings, django_capture_on_commit_callbacks
):
    support_request = make_request(dan, status=Status.DISPATCH)
    with django_capture_on_commit_callbacks(execute=True):
        request_assign(request_id=support_request.pk, peer=alice.peer_profile)
    to_alice = [message for message in mail.outbox if message.to == [alice.email]]
    assert len(to_alice) == 1
    assert to_alice[0].subject == "Peer support: a coordinator has given you a request"
    due = timezone.localtime(support_request.contact_promise_due_at)
    assert f"Please contact the colleague by {due:%d %b %Y, %H:%M}." in to_alice[0].body
    assert f"/requests/{support_request.pk}/" in to_alice[0].body


@pytest.mark.parametrize("holder", ["assigned", "offered"])
def test_a_peer_is_told_when_a_request_they_hold_is_withdrawn(
    alice, dan, holder, django_capture_on_commit_callbacks
):
    peer = alice.peer_profile
    support_request = make_request(
        dan, **({"assigned_to": peer} if holder == "assigned" else {"offered_to": peer})
    )
    with django_capture_on_commit_callbacks(execute=True):
        request_withdraw(support_request=support_request)
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert mail.outbox[0].subject == "Peer support: a request you held is withdrawn"
    assert "/requests/inbox/" in mail.outbox[0].body
