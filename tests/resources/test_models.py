"""Drafts, publication, translations and versions of the content."""

from datetime import timedelta

import pytest
from django.utils import timezone

from resources.models import Page, PolicyDocument, PolicyVersion
from tests.resources.helpers import make_page

pytestmark = pytest.mark.django_db


def test_publishing_copies_the_draft_and_fills_the_search_column():
    page = make_page("test-page", title="Réunion")
    page.draft_title_en = "New title"
    page.save()
    assert page.title_en == "Réunion"
    assert page.has_unpublished_changes
    page.publish()
    assert page.title_en == "New title"
    assert not page.has_unpublished_changes
    assert "reunion" in page.search_text


def test_discarding_the_draft_brings_back_the_published_text():
    page = make_page("test-page", title="Kept")
    page.draft_title_en = "Thrown away"
    page.save()
    page.discard_draft()
    page.refresh_from_db()
    assert page.draft_title_en == "Kept"
    assert not page.has_unpublished_changes


def test_a_missing_french_text_falls_back_to_english_with_a_flag():
    page = make_page("test-page", title="Only English", title_fr="", body_fr="")
    french = page.localized("fr")
    assert french.title == "Only English"
    assert french.fell_back
    assert french.language == "en"
    assert not page.localized("en").fell_back


def test_editors_are_warned_of_a_missing_translation():
    page = make_page("test-page", title_fr="", body_fr="")
    assert any("French" in str(warning) for warning in page.translation_warnings())


def test_editors_are_warned_when_one_language_is_older_than_the_other():
    page = make_page("test-page")
    later = timezone.now() + timedelta(minutes=5)
    page.stamp_changes(["draft_body_en"], later, prefix="draft_")
    warnings = [str(warning) for warning in page.translation_warnings(prefix="draft_")]
    assert warnings == [
        "The French text was last changed before the English text: "
        "check that it still says the same."
    ]


def test_the_version_in_force_is_the_highest_published_one():
    document = PolicyDocument.objects.get(kind="charter")  # version 1 ships with the app
    document.versions.create(number=2, status="published", effective_date="2026-01-01")
    document.versions.create(number=3, effective_date="2026-06-01")
    current = PolicyVersion.objects.current_of_kind(PolicyDocument.Kind.CHARTER)
    assert current.number == 2
    assert document.current_version().number == 2


def test_the_default_content_is_there_in_both_languages():
    pages = Page.objects.published()
    assert {page.slug for page in pages} >= {
        "pathway",
        "emotional-first-aid",
        "stage-1-debriefing",
        "stage-2-meet-a-peer",
        "stage-3-psychological-support",
        "help-24-7",
        "root-cause-analysis",
        "feedback-lessons-learned",
        "for-managers",
        "for-the-organisation",
        "signs-to-look-out-for",
        "faq",
        "ways-to-recover",
    }
    for page in pages:
        assert page.language_is_complete("en") and page.language_is_complete("fr"), page.slug
        assert page.translation_warnings() == [], page.slug
    for document in PolicyDocument.objects.all():
        assert document.current_version().effective_date is not None
