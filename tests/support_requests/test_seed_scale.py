"""`manage.py seed_scale`, the benchmark's data (README "Performance"), at a small size:
what it makes is what the app reads (a published directory, requests in every state, offers
past their window for the clock), and it never touches a real database."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from peers.models import PeerSupporter
from support_requests.clock import tick
from support_requests.models import Offer, Status, SupportRequest
from tests.people import make_user

pytestmark = pytest.mark.django_db


def seed(**sizes):
    options = {"peers": 60, "staff": 40, "requests": 1000, "due_offers": 5, **sizes}
    call_command("seed_scale", **options, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seeds_every_state_and_a_published_directory():
    seed()
    # 60 scale peers (85 % active and ready) plus the demo's own.
    assert PeerSupporter.objects.published().count() >= 51
    statuses = set(SupportRequest.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    assert SupportRequest.objects.filter(requester__username__startswith="scale-").count() == 1000
    # Encrypted fields are written and read back (the department is a record's id).
    sample = SupportRequest.objects.filter(requester__username__startswith="scale-").first()
    assert sample.requester_department_record() is not None


def test_due_offers_are_lapsed_by_the_clock():
    seed(due_offers=7)
    report = tick()
    assert report.lapsed == 7
    assert not report.failed
    assert not Offer.objects.pending().filter(expires_at__lte=timezone.now()).exists()


def test_refuses_a_database_with_real_accounts():
    make_user("rachel")  # an account seed_demo did not make
    with pytest.raises(CommandError, match="not demo accounts"):
        seed()
    assert not PeerSupporter.objects.exists()


def test_refuses_to_seed_twice():
    seed(requests=100, due_offers=0)
    with pytest.raises(CommandError, match="already seeded"):
        seed(requests=100, due_offers=0)
