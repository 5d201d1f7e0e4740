"""IT support's Django admin must not tie a person to a support request."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from support_requests.models import SupportRequest
from tests.support_requests.factories import form_data


@pytest.fixture
def it_admin(db):
    return get_user_model().objects.create_superuser("itsupport", "it@hospital.example", "x")


@pytest.fixture
def carols_request(client, carol, alice):
    """Made and read by carol through the app: the audit log names her as the actor."""
    client.force_login(carol)
    client.post(reverse("requests:new"), form_data())
    support_request = SupportRequest.objects.get(requester=carol)
    client.get(reverse("requests:detail", args=[support_request.pk]))
    client.logout()
    assert LogEntry.objects.get_for_object(support_request).filter(actor=carol).count() >= 2
    return support_request


def request_entries():
    return LogEntry.objects.filter(content_type__app_label="requests")


def test_no_model_of_the_requests_app_is_in_the_admin():
    assert not [model for model in admin.site._registry if model._meta.app_label == "requests"]


def test_the_audit_log_in_the_admin_leaves_out_every_entry_about_requests(
    client, carols_request, it_admin
):
    client.force_login(it_admin)
    changelist = reverse("admin:auditlog_logentry_changelist")
    for query in ({}, {"q": "carol"}, {"q": "Support request"}, {"action__exact": "3"}):
        response = client.get(changelist, query)
        shown = response.context["cl"].result_list
        assert not [entry for entry in shown if entry.content_type.app_label == "requests"]
        assert str(carols_request.pk) not in response.content.decode()
    request_type = ContentType.objects.get_for_model(SupportRequest)
    response = client.get(changelist, {"resource_type": request_type.pk})
    assert not response.context["cl"].result_list


def test_a_hidden_entry_is_a_404_like_an_unknown_one(client, carols_request, alice, it_admin):
    client.force_login(it_admin)
    hidden = request_entries().first()
    unknown = LogEntry.objects.order_by("-pk").first().pk + 1000
    for pk in (hidden.pk, unknown):
        for view in ("change", "history", "delete"):
            url = reverse(f"admin:auditlog_logentry_{view}", args=[pk])
            assert client.get(url).status_code == 404
    visible = LogEntry.objects.exclude(content_type__app_label="requests").first()
    assert visible is not None  # alice's peer record
    url = reverse("admin:auditlog_logentry_change", args=[visible.pk])
    assert client.get(url).status_code == 200


def test_no_admin_page_about_the_requester_mentions_a_request(
    client, carols_request, carol, it_admin
):
    client.force_login(it_admin)
    pages = [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]
    pages += [
        reverse("admin:auth_user_change", args=[carol.pk]),
        reverse("admin:auth_user_delete", args=[carol.pk]),
        reverse("admin:auth_user_history", args=[carol.pk]),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        content = response.content.decode()
        assert str(carols_request.pk) not in content, page
        # The opaque name of a request object; the app's name in permission labels is fine.
        assert not re.search(r"Support request(?!s \|)", content), page
