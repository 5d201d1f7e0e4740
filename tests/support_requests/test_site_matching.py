"""Matching across sites: "a peer at my site", "at another site" or either (own site first),
and a meeting in person only with a peer of one's own site."""

import pytest
from django.urls import reverse

from organisation.models import StaffProfile
from support_requests.models import SitePreference, SupportRequest
from support_requests.services import assignment_warnings, candidate_peers
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import form_data, make_request

pytestmark = pytest.mark.django_db


def names(peers):
    return [peer.user.username for peer in peers]


@pytest.fixture
def two_sites():
    """nina at Oncopole (the requester's site), yann at Purpan; nina has more in hand, so
    that "own site first" beats the load."""
    oncopole, purpan = site("Oncopole"), site("Purpan")
    nina = make_peer(make_user("nina"), site=oncopole, department="Radiology")
    yann = make_peer(make_user("yann"), site=purpan, department="Radiology")
    make_request(make_user("busy"), assigned_to=nina)
    return {"oncopole": oncopole, "purpan": purpan, "nina": nina, "yann": yann}


def ask(requester, two_sites, preference, contact_method="phone"):
    return make_request(
        requester,
        site=two_sites["oncopole"],
        site_preference=preference,
        contact_method=contact_method,
    )


def test_either_offers_the_own_site_first_then_the_others(carol, two_sites):
    support_request = ask(carol, two_sites, SitePreference.EITHER)
    assert names(candidate_peers(support_request)) == ["nina", "yann"]


def test_my_site_offers_only_peers_of_the_requesters_site(carol, two_sites):
    support_request = ask(carol, two_sites, SitePreference.SAME)
    assert names(candidate_peers(support_request)) == ["nina"]


def test_another_site_offers_only_peers_of_other_sites(carol, two_sites):
    support_request = ask(carol, two_sites, SitePreference.OTHER)
    assert names(candidate_peers(support_request)) == ["yann"]


def test_in_person_means_a_peer_of_the_same_site(carol, two_sites):
    support_request = ask(carol, two_sites, SitePreference.EITHER, contact_method="in_person")
    assert names(candidate_peers(support_request)) == ["nina"]


def test_a_request_without_a_site_has_no_site_rule(carol, two_sites):
    support_request = make_request(carol, site_preference=SitePreference.OTHER)
    assert sorted(names(candidate_peers(support_request))) == ["nina", "yann"]


def test_the_coordinator_is_warned_against_a_peer_the_site_choice_rules_out(carol, two_sites):
    support_request = ask(carol, two_sites, SitePreference.OTHER)
    assert "site_preference" in assignment_warnings(support_request, two_sites["nina"])
    assert "site_preference" not in assignment_warnings(support_request, two_sites["yann"])


def test_the_form_starts_from_the_requesters_site_and_another_site_reaches_purpan(
    client, carol, two_sites
):
    StaffProfile.objects.create(user=carol, site=two_sites["oncopole"])
    client.force_login(carol)
    page = client.get(reverse("requests:new"))
    assert page.context["form"]["site"].initial == two_sites["oncopole"]
    data = form_data(site=two_sites["oncopole"].pk, site_preference="other")
    response = client.post(reverse("requests:new"), data)
    assert response.status_code == 302
    support_request = SupportRequest.objects.get(requester=carol)
    assert support_request.site == two_sites["oncopole"]
    assert support_request.pending_offer().peer == two_sites["yann"]


def test_in_person_at_another_site_is_a_form_error(client, carol, two_sites):
    client.force_login(carol)
    data = form_data(
        site=two_sites["oncopole"].pk, site_preference="other", contact_method="in_person"
    )
    response = client.post(reverse("requests:new"), data)
    assert response.context["form"].errors["site_preference"]
    assert not SupportRequest.objects.filter(requester=carol).exists()


def test_without_an_answer_the_preference_is_either(client, carol, two_sites):
    client.force_login(carol)
    client.post(reverse("requests:new"), form_data(site=two_sites["oncopole"].pk))
    assert SupportRequest.objects.get(requester=carol).site_preference == SitePreference.EITHER


def test_a_peer_within_hours_at_another_site_comes_before_the_own_sites_peer_on_call(
    carol, two_sites
):
    """next_peer reads the own site first (matching.best_peer): its best peer only on call
    must still lose to another site's peer within their hours."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from peers.models import AvailabilitySlot, OnCallShift
    from support_requests.services import next_peer

    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    night = timezone.make_aware(datetime.combine(monday, time(22)))
    nina, yann = two_sites["nina"], two_sites["yann"]
    for peer, hours in [(nina, (8, 17)), (yann, (20, 23))]:
        AvailabilitySlot.objects.create(
            peer=peer, weekday=0, starts_at=time(hours[0]), ends_at=time(hours[1])
        )
    OnCallShift.objects.create(
        site=two_sites["oncopole"], peer=nina, starts_at=night, ends_at=night + timedelta(hours=8)
    )
    request = ask(carol, two_sites, SitePreference.EITHER)
    assert next_peer(request, night).pk == yann.pk
    assert names(candidate_peers(request, night)) == ["yann", "nina"]
