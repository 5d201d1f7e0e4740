"""The default content: Markdown files per page and language, loaded by the migrations, and
offered again to an existing installation by `update_default_content`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from resources import defaults
from resources.models import Hotline, Page, PolicyDocument, Story

pytestmark = pytest.mark.django_db


def run_update(*args):
    out = StringIO()
    call_command("update_default_content", *args, stdout=out)
    return out.getvalue()


def test_every_default_item_has_a_file_per_language_with_its_header():
    for entry in defaults.index()["pages"]:
        for text in defaults.texts("pages", entry["slug"]).values():
            assert text.header["title"] and text.header["summary"] and text.body
    for entry in defaults.index()["policies"]:
        for text in defaults.texts("policies", entry["slug"]).values():
            assert text.header["title"] and text.header["change_note"] and text.body
    for entry in defaults.index()["stories"]:
        for text in defaults.texts("stories", entry["key"]).values():
            assert text.header["title"] and text.body


def test_a_new_installation_reads_exactly_the_files():
    for entry in defaults.index()["pages"]:
        page = Page.objects.get(slug=entry["slug"])
        for name, value in defaults.page_fields(entry["slug"]).items():
            assert getattr(page, name) == value, (entry["slug"], name)
        assert not page.has_unpublished_changes
    french = defaults.texts("policies", "commitments-charter")["fr"]
    charter = PolicyDocument.objects.get(kind="charter")
    assert charter.title_fr == french.header["title"]
    assert charter.current_version().body_fr == french.body
    assert Story.objects.filter(is_example=True).count() == len(defaults.index()["stories"])


def test_the_national_suicide_prevention_line_is_a_default_24_7_line(client, carol):
    hotline = Hotline.objects.get(number="3114")
    assert hotline.is_free_call
    client.force_login(carol)
    footer = client.get(reverse("home")).content.decode()
    assert 'href="tel:3114"' in footer


def test_an_untouched_installation_gets_nothing_new():
    before = Page.objects.count(), Hotline.objects.count(), PolicyDocument.objects.count()
    output = run_update()
    after = Page.objects.count(), Hotline.objects.count(), PolicyDocument.objects.count()
    assert after == before
    assert "pages 0 added, 0 offered as drafts, 0 kept" in output
    assert f"{len(defaults.index()['pages'])} unchanged" in output


def test_missing_items_come_back_once():
    Page.objects.filter(slug="faq").delete()
    Hotline.objects.filter(number="3114").delete()
    output = run_update()
    assert "page faq: added" in output and "24/7 line 3114: added" in output
    assert Page.objects.get(slug="faq").is_published
    assert Hotline.objects.filter(number="3114").count() == 1
    assert "pages 0 added" in run_update()
    assert Hotline.objects.filter(number="3114").count() == 1


def test_an_edited_page_gets_the_default_as_a_draft_and_keeps_its_published_text():
    page = Page.objects.get(slug="faq")
    page.draft_body_en = "Our own FAQ."
    page.publish()
    assert "page faq: offered" in run_update()
    page.refresh_from_db()
    assert page.body_en == "Our own FAQ."
    assert page.draft_body_en == defaults.page_fields("faq")["body_en"]
    assert page.has_unpublished_changes


def test_a_draft_in_progress_is_kept():
    page = Page.objects.get(slug="faq")
    page.draft_body_en = "Our own FAQ."
    page.publish()
    page.draft_body_en = "Half-written."
    page.save()
    assert "page faq: kept" in run_update()
    page.refresh_from_db()
    assert page.draft_body_en == "Half-written."


def test_a_dry_run_writes_nothing():
    Page.objects.filter(slug="faq").delete()
    edited = Page.objects.get(slug="pathway")
    edited.draft_title_en = "Our pathway"
    edited.publish()
    output = run_update("--dry-run")
    assert output.splitlines()[-1].startswith("update_default_content: dry run, nothing written")
    assert not Page.objects.filter(slug="faq").exists()
    edited.refresh_from_db()
    assert edited.draft_title_en == "Our pathway"
