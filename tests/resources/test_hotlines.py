"""The 24/7 lines: editing them, and the footer of every page."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Hotline
from tests.resources.helpers import audit_entries

DATA = {
    "name": "Listening line",
    "number": "+33 1 23 45 67 89",
    "hours_en": "Every night",
    "hours_fr": "Toutes les nuits",
    "description_en": "Anonymous.",
    "description_fr": "Anonyme.",
    "position": "3",
    "is_active": "on",
}


def test_every_page_shows_the_lines_in_its_footer(client, carol):
    client.force_login(carol)
    content = client.get(reverse("home")).content.decode()
    footer = content.split("<footer", 1)[1]
    assert "MOTS" in footer and 'href="tel:0608282589"' in footer
    assert "free call" in footer
    assert reverse("resources:page", kwargs={"slug": "help-24-7"}) in footer


def test_a_new_line_appears_in_the_footer_at_once(client, quinn, carol):
    client.force_login(quinn)
    response = client.post(reverse("resources:hotline_create"), DATA)
    assert response["Location"] == reverse("resources:hotlines")
    hotline = Hotline.objects.get(name="Listening line")
    assert audit_entries(hotline, quinn).count() == 1
    client.force_login(carol)
    content = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Listening line" in content and "Toutes les nuits" in content
    assert 'href="tel:+33123456789"' in content


def test_an_inactive_line_leaves_the_footer(client, quinn):
    hotline = Hotline.objects.get(name="MOTS")
    client.force_login(quinn)
    data = {**DATA, "name": "MOTS", "number": hotline.number}
    del data["is_active"]
    client.post(reverse("resources:hotline_edit", kwargs={"pk": hotline.pk}), data)
    hotline.refresh_from_db()
    assert not hotline.is_active
    footer = client.get(reverse("home")).content.decode().split("<footer", 1)[1]
    assert "MOTS" not in footer
    assert audit_entries(hotline, quinn).filter(changes__icontains="is_active").exists()


def test_without_any_line_the_footer_keeps_its_own_text(client, carol):
    Hotline.objects.all().delete()
    client.force_login(carol)
    footer = client.get(reverse("home")).content.decode().split("<footer", 1)[1]
    assert "MOTS on" in footer and "0 805 23 23 36" in footer


def test_pages_rendered_without_a_request_keep_the_footer_text(db):
    assert "0 805 23 23 36" in render_to_string("500.html")


@pytest.mark.parametrize(
    ("field", "value"),
    [("number", "call me"), ("name", "nul\x00"), ("description_en", "x" * 501)],
)
def test_invalid_lines_give_a_form_error(client, quinn, field, value):
    client.force_login(quinn)
    response = client.post(reverse("resources:hotline_create"), {**DATA, field: value})
    assert response.status_code == 200
    assert not Hotline.objects.filter(hours_en="Every night").exists()


def test_staff_cannot_edit_lines(client, carol):
    hotline = Hotline.objects.get(name="SPS")
    client.force_login(carol)
    url = reverse("resources:hotline_edit", kwargs={"pk": hotline.pk})
    assert client.post(url, {**DATA, "name": "Evil"}).status_code == 403
    assert client.post(reverse("resources:hotline_create"), DATA).status_code == 403
    assert not Hotline.objects.filter(name__in=["Evil", "Listening line"]).exists()


def test_the_footer_costs_one_query_however_many_lines(client, carol):
    client.force_login(carol)
    client.get(reverse("home"))  # the session's once-a-minute save happens here
    with CaptureQueriesContext(connection) as two_lines:
        client.get(reverse("home"))
    for number in range(10):
        Hotline.objects.create(name=f"L{number}", number="01 02 03 04 05", hours_en="x")
    with CaptureQueriesContext(connection) as twelve_lines:
        client.get(reverse("home"))
    assert len(twelve_lines) == len(two_lines)
    assert sum("resources_hotline" in query["sql"] for query in twelve_lines) == 1


def test_the_line_history_lists_changes(client, quinn):
    hotline = Hotline.objects.get(name="SPS")
    client.force_login(quinn)
    client.post(
        reverse("resources:hotline_edit", kwargs={"pk": hotline.pk}), {**DATA, "name": "SPS"}
    )
    content = client.get(reverse("resources:hotline_history", kwargs={"pk": hotline.pk})).content
    assert b"Every night" in content
