"""The explicit rules that choose the peer a request is offered to."""

import pytest

from organisation.models import Department
from organisation.services import unit_merge
from peers.models import Status as PeerStatus
from support_requests.models import Offer
from support_requests.services import assignment_warnings, candidate_peers, next_peer
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


def names(peers):
    return [peer.user.username for peer in peers]


@pytest.fixture
def pool():
    return {
        "nina": make_peer(make_user("nina"), department="Surgery", profession="nurse"),
        "omar": make_peer(
            make_user("omar"), department="Pharmacy", profession="physician", languages=["ar"]
        ),
        "rose": make_peer(
            make_user("rose"), department="Oncology", profession="nurse", languages=["en"]
        ),
    }


def test_only_published_peers_are_candidates(carol, pool):
    make_peer(make_user("paused"), status=PeerStatus.PAUSED, department="Radiology")
    make_peer(make_user("trainee"), status=PeerStatus.IN_TRAINING, ready=False)
    support_request = make_request(carol, prefer_other_department=False)
    assert sorted(names(candidate_peers(support_request))) == ["nina", "omar", "rose"]


def test_never_the_requester(pool):
    nina = pool["nina"].user
    support_request = make_request(nina, prefer_other_department=False)
    assert "nina" not in names(candidate_peers(support_request))


def test_not_from_the_requesters_department_when_asked(carol, pool):
    support_request = make_request(carol, requester_department=" surgery ".strip().upper())
    assert "nina" not in names(candidate_peers(support_request))
    support_request.prefer_other_department = False
    assert "nina" in names(candidate_peers(support_request))


def test_the_other_department_rule_holds_across_aliases(carol, pool):
    """Carol asked in "Chirurgie", a record the directory created; a coordinator then merged
    it into Surgery. Her request (stored before the merge) still keeps nina, of Surgery, out."""
    chirurgie = Department.objects.resolve_or_create("Chirurgie")
    support_request = make_request(carol, requester_department=str(chirurgie.pk))
    assert "nina" in names(candidate_peers(support_request))
    unit_merge(source=chirurgie, target=pool["nina"].department)
    assert sorted(names(candidate_peers(support_request))) == ["omar", "rose"]
    after = make_request(carol, requester_department="CHIRURGIE")
    assert "nina" not in names(candidate_peers(after))
    assert assignment_warnings(support_request, pool["nina"]) == ["same_department"]


def test_the_preferred_profession_comes_first(carol, pool):
    support_request = make_request(
        carol, prefer_same_profession=True, requester_profession="physician"
    )
    assert names(candidate_peers(support_request))[0] == "omar"


def test_the_preferred_language_comes_first(carol, pool):
    support_request = make_request(carol, preferred_language="en")
    assert names(candidate_peers(support_request))[0] == "rose"


def test_the_fewest_open_requests_come_first(carol, dan, pool):
    make_request(dan, assigned_to=pool["omar"])
    make_request(dan, offered_to=pool["rose"])
    make_request(dan, assigned_to=pool["rose"])
    support_request = make_request(carol)
    assert names(candidate_peers(support_request)) == ["omar", "rose"]


def test_never_a_peer_who_declined_or_let_it_lapse(carol, pool):
    support_request = make_request(carol, prefer_other_department=False)
    for name, state in [("nina", Offer.State.DECLINED), ("omar", Offer.State.LAPSED)]:
        Offer.objects.create(
            support_request=support_request,
            peer=pool[name],
            expires_at="2026-01-01T00:00Z",
            state=state,
        )
    assert names(candidate_peers(support_request)) == ["rose"]


def test_a_chosen_peer_is_asked_first_and_alone(carol, pool):
    support_request = make_request(carol, chosen_peer=pool["nina"], prefer_other_department=False)
    assert next_peer(support_request).pk == pool["nina"].pk
    Offer.objects.create(
        support_request=support_request,
        peer=pool["nina"],
        expires_at="2026-01-01T00:00Z",
        state=Offer.State.DECLINED,
    )
    assert next_peer(support_request) is None


def test_nobody_matches_when_the_pool_is_empty(carol):
    assert next_peer(make_request(carol)) is None
