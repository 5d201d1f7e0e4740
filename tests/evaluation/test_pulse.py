from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from evaluation.models import AwarenessPulse, PulseCount, PulseParticipation
from organisation.models import StaffProfile
from svsupport.lib import roles
from tests.evaluation.helpers import audit_entries_of_answers
from tests.organisation.factories import site
from tests.people import make_user

ANSWER = reverse("evaluation:pulse_answer")
ANSWERS = {"knows": "yes", "would_use": "maybe", "holds_back": "time"}


@pytest.fixture
def open_pulse(quinn, client):
    client.force_login(quinn)
    today = timezone.localdate()
    response = client.post(
        reverse("evaluation:pulses"),
        {"opens_on": today.isoformat(), "closes_on": (today + timedelta(days=7)).isoformat()},
    )
    assert response.status_code == 302
    return AwarenessPulse.objects.get()


def answer(client, user, **data):
    client.force_login(user)
    return client.post(ANSWER, {**ANSWERS, **data})


def test_staff_see_the_open_pulse_on_the_home_page_until_they_answer(client, open_pulse, dan):
    client.force_login(dan)
    assert ANSWER in client.get(reverse("home")).content.decode()
    answer(client, dan, site="", profession="physician")
    assert ANSWER not in client.get(reverse("home")).content.decode()
    assert "You have answered this survey" in client.get(ANSWER).content.decode()


def test_one_answer_per_person_counted_by_site_and_by_profession_apart(client, open_pulse, dan):
    site("Oncopole")
    answer(client, dan, site="oncopole", profession="physician")
    answer(client, dan, site="oncopole", profession="nurse", knows="no")
    counts = {
        (row.dimension, row.group, row.question, row.choice): row.count
        for row in PulseCount.objects.all()
    }
    assert counts[("site", "oncopole", "answered", "yes")] == 1
    assert counts[("profession", "physician", "knows", "yes")] == 1
    assert ("profession", "nurse", "answered", "yes") not in counts
    assert PulseParticipation.objects.filter(user=dan).count() == 1


def test_the_form_starts_from_the_staff_profile(client, open_pulse, dan):
    StaffProfile.objects.create(user=dan, site=site("Oncopole"), profession="physician")
    client.force_login(dan)
    page = client.get(ANSWER).content.decode()
    assert '<option value="physician" selected>' in page
    assert '<option value="oncopole" selected>' in page


def test_nothing_ties_a_pulse_answer_to_its_person(client, open_pulse, dan, carol):
    site("Oncopole")
    last_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    answer(client, dan, site="oncopole", profession="physician")
    answer(client, carol, site="oncopole", profession="nurse", knows="no")
    # The counters carry no user, no time, no participation; the participations no answer.
    assert {field.name for field in PulseCount._meta.get_fields()} == {
        "id", "pulse", "dimension", "group", "question", "choice", "count",
    }  # fmt: skip
    assert {field.name for field in PulseParticipation._meta.get_fields()} == {
        "id", "pulse", "user",
    }  # fmt: skip
    # Site and profession are never crossed in one row.
    assert not PulseCount.objects.filter(dimension="site", group="physician").exists()
    assert not LogEntry.objects.filter(pk__gt=last_entry).exists()
    assert not audit_entries_of_answers().exists()


def test_results_wait_for_the_close_and_are_suppressed(client, open_pulse, quinn):
    site("Oncopole")
    for index in range(7):
        answer(client, make_user(f"staff{index}"), site="oncopole", profession="nurse",
               knows="yes" if index < 6 else "no")  # fmt: skip
    results = reverse("evaluation:pulse_results", args=[open_pulse.pk])
    client.force_login(quinn)
    assert "shown once the survey has closed" in client.get(results).content.decode()
    open_pulse.closes_on = timezone.localdate() - timedelta(days=1)
    open_pulse.opens_on = open_pulse.closes_on - timedelta(days=7)
    open_pulse.save()
    page = client.get(results).content.decode()
    knows_by_site = page.split('id="table-pulse_site_knows"')[1].split("</table>")[0]
    assert "&lt; 5" in knows_by_site  # the one "no"
    assert ">1<" not in page
    bea = make_user("bea", roles.BOARD_GROUP)
    client.force_login(bea)
    assert client.get(results).content.decode().count("&lt; 5") == page.count("&lt; 5")
    client.force_login(make_user("erin"))
    assert client.get(results).status_code == 403


def test_a_pulse_must_close_after_it_opens(client, quinn):
    client.force_login(quinn)
    today = timezone.localdate()
    response = client.post(
        reverse("evaluation:pulses"),
        {"opens_on": today.isoformat(), "closes_on": (today - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 200
    assert not AwarenessPulse.objects.exists()
