import pytest
from django.urls import reverse

from resources.models import Page
from tests.resources.helpers import audit_entries

URL = reverse("resources:page_edit", kwargs={"slug": "faq"})


def form_data(**overrides):
    data = {
        "draft_title_en": "Questions",
        "draft_title_fr": "Questions (fr)",
        "draft_summary_en": "",
        "draft_summary_fr": "",
        "draft_body_en": "New **answer**.",
        "draft_body_fr": "Nouvelle réponse.",
    }
    return {**data, **overrides}


def test_coordinators_save_a_draft_that_staff_do_not_see_yet(client, quinn):
    client.force_login(quinn)
    response = client.post(URL, form_data())
    assert response["Location"] == reverse("resources:page_draft", kwargs={"slug": "faq"})
    page = Page.objects.get(slug="faq")
    assert page.draft_title_en == "Questions"
    assert page.title_en == "Frequently asked questions"
    assert page.has_unpublished_changes
    assert audit_entries(page, quinn).count() == 1


def test_staff_and_peers_cannot_open_the_editor(client, carol, alice):
    for user in (carol, alice):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, form_data()).status_code == 403
    assert Page.objects.get(slug="faq").draft_title_en == "Frequently asked questions"


def test_the_editor_shows_both_languages_side_by_side(client, quinn):
    client.force_login(quinn)
    content = client.get(URL).content.decode()
    assert 'name="draft_body_en"' in content
    assert 'name="draft_body_fr"' in content
    assert 'lang="fr"' in content
    assert "How to format the text (Markdown)" in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("draft_body_en", "bad\x00byte", "Null characters are not allowed"),
        ("draft_title_en", "bell\x07", "control characters"),
        ("draft_title_en", "x" * 201, "at most 200 characters"),
        ("draft_body_en", "x" * 30_001, "at most 30000 characters"),
    ],
)
def test_invalid_text_gives_a_form_error_and_saves_nothing(client, quinn, field, value, message):
    client.force_login(quinn)
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Page.objects.get(slug="faq").draft_title_en == "Frequently asked questions"


def test_a_page_needs_a_title_and_a_text_in_at_least_one_language(client, quinn):
    client.force_login(quinn)
    data = form_data(draft_title_en="", draft_title_fr="", draft_body_en="", draft_body_fr="")
    response = client.post(URL, data)
    assert "at least one language" in response.content.decode()


def test_extra_fields_in_the_post_are_ignored(client, quinn):
    client.force_login(quinn)
    client.post(URL, form_data(slug="hijacked", is_published="false", title_en="Live now"))
    page = Page.objects.get(slug="faq")
    assert page.is_published
    assert page.title_en == "Frequently asked questions"


def test_editing_only_english_flags_the_french_as_older(client, quinn):
    client.force_login(quinn)
    page = Page.objects.get(slug="faq")
    data = form_data(
        draft_title_fr=page.draft_title_fr,
        draft_summary_en=page.draft_summary_en,
        draft_summary_fr=page.draft_summary_fr,
        draft_body_fr=page.draft_body_fr,
    )
    client.post(URL, data)
    content = client.get(reverse("resources:page_draft", kwargs={"slug": "faq"})).content.decode()
    assert "The French text was last changed before the English text" in content
