"""Cards that lead to the evaluation from other apps' pages, without those apps' views
knowing about it."""

from django import template

from evaluation import access, services
from evaluation.models import PulseParticipation
from support_requests.models import Status

register = template.Library()


@register.inclusion_tag("evaluation/_feedback_card.html")
def feedback_card(support_request):
    """For the requester's page of a closed request: the invitation while it is open."""
    token = None
    if support_request.status == Status.CLOSED:
        token = services.invitation_for(support_request)
    return {"token": token}


@register.inclusion_tag("evaluation/_burden_card.html")
def burden_card(meetings):
    """For the assigned peer's page, once a meeting is logged."""
    return {"show": bool(meetings)}


@register.inclusion_tag("evaluation/_pulse_card.html")
def pulse_card(user):
    """For the home page: the open awareness survey, until this person has answered."""
    pulse = access.open_pulse()
    if pulse and PulseParticipation.objects.filter(pulse=pulse, user=user).exists():
        pulse = None
    return {"pulse": pulse}
