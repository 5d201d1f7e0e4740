from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from evaluation.models import BurdenAnswer
from tests.support_requests.factories import make_request

BURDEN = reverse("evaluation:burden")
MINE = reverse("evaluation:my_burden")


def test_the_assigned_peer_is_offered_the_two_questions_once_a_meeting_is_logged(
    client, carol, bob
):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    client.force_login(bob)
    page = reverse("requests:detail", args=[support_request.pk])
    assert BURDEN not in client.get(page).content.decode()
    client.post(
        reverse("requests:meeting", args=[support_request.pk]),
        {"held_on": timezone.localdate().isoformat(), "duration": "30_45",
         "modality": "in_person", "outcome": "another_meeting"},
    )  # fmt: skip
    assert BURDEN in client.get(page).content.decode()


def test_a_peer_records_a_burden_with_the_month_only_and_sees_their_own_trend(client, alice):
    client.force_login(alice)
    response = client.post(BURDEN, {"heaviness": "4", "needs_support": "no"})
    assert response.status_code == 302 and response["Location"] == MINE
    answer = BurdenAnswer.objects.get()
    assert answer.peer == alice.peer_profile
    assert answer.month == timezone.localdate().replace(day=1)
    assert {field.name for field in BurdenAnswer._meta.get_fields()} == {
        "id", "peer", "month", "heaviness", "needs_support",
    }  # fmt: skip
    page = client.get(MINE).content.decode()
    assert "4.0" in page and 'role="img"' in page


def test_a_burden_answer_is_visible_to_its_peer_alone(client, alice, bob, quinn, carol):
    client.force_login(alice)
    client.post(BURDEN, {"heaviness": "5", "needs_support": "yes"})
    client.force_login(bob)
    assert "5.0" not in client.get(MINE).content.decode()
    for outsider in (quinn, carol):
        client.force_login(outsider)
        assert client.get(MINE).status_code == 404
    # Not in the audit log, which IT support and the privacy officer read.
    assert not LogEntry.objects.filter(content_type__model="burdenanswer").exists()


def test_a_peer_who_needs_support_is_shown_the_path(client, alice, settings):
    settings.COORDINATOR_CONTACT = "Coordinators, extension 4321"
    client.force_login(alice)
    response = client.post(BURDEN, {"needs_support": "yes"}, follow=True)
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("evaluation:burden_support")
    assert "Coordinators, extension 4321" in content
    assert reverse("resources:page", args=["stage-3-psychological-support"]) in content


def test_answering_nothing_is_a_form_error_and_saves_nothing(client, alice):
    client.force_login(alice)
    response = client.post(BURDEN, {"heaviness": "", "needs_support": "9"})
    assert response.status_code == 200
    assert not BurdenAnswer.objects.exists()
