from django.urls import reverse

from resources.models import Page


def test_the_preview_shows_the_draft_in_both_languages(client, quinn):
    page = Page.objects.get(slug="faq")
    page.draft_body_en = "A <script>x</script> **new** answer"
    page.draft_body_fr = ""
    page.save()
    client.force_login(quinn)
    content = client.get(reverse("resources:page_draft", kwargs={"slug": "faq"})).content.decode()
    assert "<strong>new</strong>" in content
    assert "<script>x" not in content
    assert "The French text is missing" in content
    assert "Publish" in content
    assert content.count("<h1") == 1


def test_staff_cannot_preview_drafts(client, carol):
    client.force_login(carol)
    assert client.get(reverse("resources:page_draft", kwargs={"slug": "faq"})).status_code == 403
