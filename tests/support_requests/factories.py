import re
from datetime import timedelta

from django.utils import timezone

from support_requests.models import Offer, Status, SupportRequest
from tests.organisation.factories import department


def make_request(requester, *, offered_to=None, assigned_to=None, **fields):
    """A request by `requester`; offered_to=peer gives it a pending offer, assigned_to=peer
    makes it accepted by that peer. The requester's department may be given by name."""
    defaults = {
        "contact_method": "phone",
        "contact_detail": "06 12 34 56 78",
        "message": "Secret words about a hard night",
        "requester_department": "Surgery",
    }
    fields = {**defaults, **fields}
    if fields["requester_department"] and not fields["requester_department"].isdigit():
        fields["requester_department"] = str(department(fields["requester_department"]).pk)
    support_request = SupportRequest.objects.create(requester=requester, **fields)
    now = timezone.now()
    if offered_to:
        Offer.objects.create(
            support_request=support_request, peer=offered_to, expires_at=now + timedelta(hours=2)
        )
        support_request.offers_count = 1
    if assigned_to:
        support_request.status = Status.ACCEPTED
        support_request.assigned_peer = assigned_to
        support_request.accepted_at = now
    support_request.save()
    return support_request


def form_data(**changes):
    import uuid

    data = {
        "submission_id": str(uuid.uuid4()),
        "prefer_other_department": "on",
        "requester_department": str(department("Surgery").pk),
        "contact_method": "phone",
        "contact_detail": "06 12 34 56 78",
        "timing": "asap",
        "message": "",
        "situation": "adverse_event",
    }
    return {**data, **changes}


def comparable(response, pk):
    """The page without what differs on every response: the CSRF token and the path."""
    text = response.content.decode().replace(str(pk), "ID")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
