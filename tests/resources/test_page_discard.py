from django.urls import reverse

from resources.models import Page
from tests.resources.helpers import audit_entries

URL = reverse("resources:page_discard", kwargs={"slug": "faq"})


def change_draft():
    page = Page.objects.get(slug="faq")
    page.draft_title_en = "Half-written"
    page.save()


def test_discarding_brings_back_the_published_text(client, quinn):
    change_draft()
    client.force_login(quinn)
    assert client.post(URL).status_code == 302
    page = Page.objects.get(slug="faq")
    assert page.draft_title_en == "Frequently asked questions"
    assert audit_entries(page, quinn).exists()


def test_staff_cannot_discard(client, alice):
    change_draft()
    client.force_login(alice)
    assert client.post(URL).status_code == 403
    assert Page.objects.get(slug="faq").draft_title_en == "Half-written"


def test_discarding_by_get_is_refused(client, quinn):
    change_draft()
    client.force_login(quinn)
    assert client.get(URL).status_code == 405
    assert Page.objects.get(slug="faq").draft_title_en == "Half-written"
