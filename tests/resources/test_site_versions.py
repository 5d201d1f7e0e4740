"""A site's version of a network page: its readers read it, other sites' readers the
network's page; its coordinators edit it, another site's coordinator gets a 404."""

import pytest
from django.urls import reverse

from organisation.models import RoleGrant, StaffProfile
from resources.models import PageOverride
from tests.organisation.factories import site
from tests.people import make_user

pytestmark = pytest.mark.django_db

FAQ = reverse("resources:page", kwargs={"slug": "faq"})


@pytest.fixture
def world(carol, dan):
    oncopole, purpan = site("Oncopole"), site("Purpan")
    StaffProfile.objects.create(user=carol, site=oncopole)
    StaffProfile.objects.create(user=dan, site=purpan)
    pia = make_user("pia")
    RoleGrant.objects.create(user=pia, role=RoleGrant.Role.COORDINATOR, site=purpan)
    return {"oncopole": oncopole, "purpan": purpan, "pia": pia}


def edit_url(name, world, at="purpan"):
    return reverse(f"resources:{name}", kwargs={"slug": "faq", "site": world[at].code})


def publish_purpan_version(client, world):
    client.force_login(world["pia"])
    form = client.get(edit_url("override_edit", world)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["draft_body_en"] = "At Purpan, call extension 4242 day and night."
    assert client.post(edit_url("override_edit", world), data).status_code == 302
    assert client.post(edit_url("override_publish", world)).status_code == 302


def test_a_site_version_shows_to_that_sites_readers_only(client, world, carol, dan):
    publish_purpan_version(client, world)
    client.force_login(dan)
    assert "extension 4242" in client.get(FAQ).content.decode()
    client.force_login(carol)
    assert "extension 4242" not in client.get(FAQ).content.decode()


def test_a_draft_version_shows_to_nobody_yet(client, world, dan):
    client.force_login(world["pia"])
    form = client.get(edit_url("override_edit", world)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["draft_body_en"] = "Draft words 4242"
    client.post(edit_url("override_edit", world), data)
    client.force_login(dan)
    assert "4242" not in client.get(FAQ).content.decode()


def test_another_sites_coordinator_gets_404_and_the_network_pages_stay_closed(client, world):
    client.force_login(world["pia"])
    assert client.get(edit_url("override_edit", world, at="oncopole")).status_code == 404
    assert client.post(edit_url("override_publish", world, at="oncopole")).status_code == 404
    assert client.get(reverse("resources:page_edit", kwargs={"slug": "faq"})).status_code == 403


def test_coordinators_see_which_pages_have_a_site_version(client, world, quinn):
    publish_purpan_version(client, world)
    client.force_login(quinn)
    content = client.get(reverse("resources:manage")).content.decode()
    assert edit_url("override_edit", world) in content


def test_removing_the_version_gives_the_network_page_back(client, world, dan):
    publish_purpan_version(client, world)
    client.post(edit_url("override_delete", world))
    assert not PageOverride.objects.exists()
    client.force_login(dan)
    assert "extension 4242" not in client.get(FAQ).content.decode()
