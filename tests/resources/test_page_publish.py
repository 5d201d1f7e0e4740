from django.urls import reverse

from resources.models import Page
from tests.resources.helpers import audit_entries

URL = reverse("resources:page_publish", kwargs={"slug": "faq"})


def change_draft(title):
    page = Page.objects.get(slug="faq")
    page.draft_title_en = title
    page.save()
    return page


def test_publishing_shows_the_draft_to_staff(client, quinn, carol):
    page = change_draft("Your questions")
    client.force_login(quinn)
    response = client.post(URL)
    assert response["Location"] == reverse("resources:page", kwargs={"slug": "faq"})
    page.refresh_from_db()
    assert page.title_en == "Your questions"
    assert audit_entries(page, quinn).filter(changes__icontains="Your questions").exists()
    client.force_login(carol)
    assert b"Your questions" in client.get(response["Location"]).content


def test_staff_cannot_publish(client, carol):
    change_draft("Not yet")
    client.force_login(carol)
    assert client.post(URL).status_code == 403
    assert Page.objects.get(slug="faq").title_en == "Frequently asked questions"


def test_publishing_by_get_is_refused(client, quinn):
    change_draft("Not yet")
    client.force_login(quinn)
    assert client.get(URL).status_code == 405
    assert Page.objects.get(slug="faq").title_en == "Frequently asked questions"


def test_publishing_without_a_csrf_token_is_refused(quinn):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    change_draft("Not yet")
    client.force_login(quinn)
    assert client.post(URL).status_code == 403
    assert Page.objects.get(slug="faq").title_en == "Frequently asked questions"
