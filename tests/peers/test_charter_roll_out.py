"""A new commitments charter rolls out without emptying the directory: its impact is shown
before publishing, every peer is asked to sign it and reminded before the deadline, and the
previous signature counts until then (CHARTER_GRACE_DAYS)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peers.models import PeerSupporter, charter_roll_out
from peers.services import charter_publish, charter_remind
from support_requests.clock import tick
from svsupport.models import QueuedMail
from tests.peers.factories import current_charter, make_peer

pytestmark = pytest.mark.django_db

SLUG = "commitments-charter"


def new_draft(change_note="Supervision twice a year"):
    current = current_charter()
    return current.document.versions.create(
        number=current.number + 1,
        effective_date=timezone.localdate(),
        body_en="New text",
        body_fr="Nouveau texte",
        change_note_en=change_note,
    )


def listed():
    return set(PeerSupporter.objects.published().values_list("user__username", flat=True))


def test_the_draft_page_tells_the_impact_before_publishing(client, quinn, alice, bob, settings):
    settings.CHARTER_GRACE_DAYS = 30
    draft = new_draft()
    client.force_login(quinn)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Publishing this version asks 2 peer supporters to sign the charter again." in page
    assert "The 2 peers listed in the directory today stay listed" in page


def test_publishing_keeps_the_directory_and_asks_every_peer_to_sign(
    client, quinn, alice, bob, django_capture_on_commit_callbacks
):
    draft = new_draft()
    client.force_login(quinn)
    url = reverse("resources:policy_version_publish", kwargs={"slug": SLUG, "number": draft.number})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert listed() == {"alice", "bob"}
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, bob.email]
    roll_out = charter_roll_out()
    deadline = f"{timezone.localtime(roll_out.deadline):%d %b %Y, %H:%M}"
    assert f"Sign it by {deadline} to stay in the directory." in mail.outbox[0].body
    assert "/peers/me/" in mail.outbox[0].body


def test_after_the_grace_period_only_signers_stay_listed(alice, bob, settings):
    published = timezone.now() - timedelta(days=settings.CHARTER_GRACE_DAYS, minutes=1)
    version = new_draft()
    charter_publish(version=version, now=published)
    assert listed() == set()
    bob.peer_profile.sign_charter(version)
    assert listed() == {"bob"}


def test_the_clock_reminds_those_who_have_not_signed_once_before_the_deadline(
    alice, bob, settings, django_capture_on_commit_callbacks
):
    version = new_draft()
    charter_publish(version=version)
    bob.peer_profile.sign_charter(version)
    QueuedMail.objects.all().delete()  # the publication's own e-mails
    deadline = charter_roll_out().deadline
    assert charter_remind(now=deadline - timedelta(days=8)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(deadline - timedelta(days=6)).charter_reminders == 1
        assert tick(deadline - timedelta(days=5)).charter_reminders == 0
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert mail.outbox[0].subject == "Peer support: reminder, the commitments charter to sign"


def test_the_signing_card_shows_the_change_note_and_the_deadline(client, alice):
    charter_publish(version=new_draft("Supervision twice a year"))
    client.force_login(alice)
    page = client.get(reverse("peers:me")).content.decode()
    assert "What changed in this version" in page
    assert "Supervision twice a year" in page
    assert "keeps you in the directory until" in page
    assert "You are not shown in the directory yet" not in page


def test_the_registry_shows_who_has_not_signed_and_the_deadline(client, quinn, alice, bob):
    version = new_draft()
    charter_publish(version=version)
    bob.peer_profile.sign_charter(version)
    client.force_login(quinn)
    page = client.get(reverse("peers:manage"), {"attention": "1"})
    text = page.content.decode()
    assert "1 peer has not signed it yet" in text
    assert "new charter to sign by" in text
    flagged = [peer.display_name for peer in page.context["page"]]
    assert "Alice Martin" in flagged and "Bob Bernard" not in flagged


def test_a_peer_joining_during_the_roll_out_must_sign_the_new_version(quinn):
    charter_publish(version=new_draft())
    from tests.people import make_user

    newcomer = make_peer(make_user("uma"), ready=False)
    assert not PeerSupporter.objects.published().filter(pk=newcomer.pk).exists()
