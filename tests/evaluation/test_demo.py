from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from evaluation.models import AwarenessPulse, FeedbackCount, StaffCount


def test_the_demo_fills_the_annual_report_and_a_closed_survey_once(client, db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert AwarenessPulse.objects.count() == 1
    answered = FeedbackCount.objects.filter(question="answered")
    assert answered.count() == 12
    assert StaffCount.objects.count() == 4
    client.force_login(get_user_model().objects.get(username="bea"))
    pulse = AwarenessPulse.objects.get()
    page = client.get(reverse("evaluation:pulse_results", args=[pulse.pk])).content.decode()
    assert 'id="table-pulse_site_knows"' in page
    assert client.get(reverse("figures:annual")).status_code == 200
