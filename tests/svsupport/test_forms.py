"""Shared form fields: dates stay within sensible years, in every form of the project; the
long select draws the same markup as Django's."""

import importlib
import inspect

import pytest
from django import forms
from django.test.html import parse_html
from django.urls import reverse

from svsupport.lib.forms import DateField, DateTimeField, LongSelect
from tests.support_requests.factories import make_request

FORM_MODULES = ["peers.forms", "support_requests.forms", "resources.forms", "figures.forms",
                "accounts.forms", "organisation.forms"]  # fmt: skip


def project_forms():
    for name in FORM_MODULES:
        for _, form_class in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == name:
                yield form_class


def test_every_date_field_of_every_form_refuses_far_years():
    temporal = [
        (form_class.__name__, field_name, type(field))
        for form_class in project_forms()
        for field_name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]
    assert temporal, "the project's forms have date fields"
    assert [item for item in temporal if not issubclass(item[2], DateField | DateTimeField)] == []


FAR_DATES = ["0001-01-01", "9999-12-31", "1899-12-31"]
FAR_MOMENTS = ["0001-01-01", "0001-01-01T00:00", "0001-01-01 00:30", "9999-12-31T23:59"]
FAR = [("first_contact", "contacted_at", value) for value in FAR_MOMENTS]
FAR += [("escalate", "alerted_at", value) for value in FAR_MOMENTS]
FAR += [("meeting", "held_on", value) for value in FAR_DATES]


@pytest.mark.parametrize(("action", "field", "value"), FAR)
def test_a_date_in_year_1_or_9999_is_a_field_error_not_a_500(
    client, carol, alice, action, field, value
):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(alice)
    data = {field: value, "alerted": "emergency", "category": "self", "duration": "under_15",
            "modality": "phone", "outcome": "closed"}  # fmt: skip
    response = client.post(reverse(f"requests:{action}", args=[support_request.pk]), data)
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "Give a date between 1900 and 2100." in shown
    support_request.refresh_from_db()
    assert support_request.first_contact_at is None
    assert not support_request.escalations.exists() and not support_request.meetings.exists()


@pytest.mark.parametrize("value", ["b<", "", None, 3])
def test_the_long_select_draws_what_djangos_select_draws(value):
    choices = [("", "Any"), ("a", "A & b'\""), ("b<", "B"), (3, "x")]
    attrs = {"id": "id_unit", "class": "form-select", "required": True}
    ours = LongSelect(choices=choices).render("unit", value, attrs)
    assert parse_html(ours) == parse_html(
        forms.Select(choices=choices).render("unit", value, attrs)
    )
