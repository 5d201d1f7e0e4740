from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.models import staff_site_and_department
from peers.access import own_peer_profile, peer_profile_required
from support_requests import access, services
from support_requests.access import Capacity
from support_requests.forms import (
    AssignForm,
    CloseForm,
    EscalationForm,
    FirstContactForm,
    FollowUpAnswerForm,
    MeetingForm,
    SupportRequestForm,
    TrailLookupForm,
)
from support_requests.models import FollowUp, Offer, Status, SupportRequest
from svsupport.lib import roles
from svsupport.lib.mail import undelivered
from svsupport.lib.roles import coordinator_required, privacy_officer_required

LIST_LIMIT = 50


def log_read(support_request):
    """Every read of a request's detail is an audit-log access entry (who, when, which)."""
    accessed.send(sender=SupportRequest, instance=support_request)


@never_cache
@require_http_methods(["GET", "POST"])
def new(request):
    chosen_peer = access.chosen_peer_for_new_request(request.user, request.GET.get("peer"))
    site, department = staff_site_and_department(request.user)
    form = SupportRequestForm(
        request.POST or None, chosen_peer=chosen_peer, site=site, department=department
    )
    # Told before they write anything; request_create checks again under a lock.
    limit = services.request_limit(request.user)
    if form.is_valid():
        try:
            support_request = services.request_create(
                requester=request.user, **form.request_values()
            )
        except services.LimitReached as refusal:
            limit = refusal.reason
        else:
            if support_request is None:
                raise Http404  # an id already used by someone else's request
            return redirect("requests:sent", pk=support_request.pk)
    return render(
        request,
        "requests/new.html",
        {
            "form": form,
            "limit": limit,
            "limit_is_open_requests": limit == services.OPEN_REQUESTS,
            "chosen_peer": chosen_peer,
            "retention_days": settings.REQUEST_RETENTION_DAYS,
            "hr_contact": settings.HR_CONTACT,
            "eap_contact": settings.EAP_CONTACT,
        },
    )


@never_cache
@require_GET
def sent(request, pk):
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    return render(
        request,
        "requests/sent.html",
        {
            "support_request": support_request,
            "promise_hours": settings.REQUEST_CONTACT_PROMISE_HOURS,
            "window_minutes": settings.REQUEST_ACCEPT_WINDOW_MINUTES,
        },
    )


@never_cache
@require_GET
def mine(request):
    support_requests = (
        SupportRequest.objects.requested_by(request.user)
        .select_related("assigned_peer", "chosen_peer")
        .order_by("-created_at")[:LIST_LIMIT]
    )
    return render(request, "requests/mine.html", {"support_requests": support_requests})


@never_cache
@require_GET
def detail(request, pk):
    support_request, capacity = access.get_request_for_user(request.user, pk)
    log_read(support_request)
    context = {
        "support_request": support_request,
        "capacity_template": f"requests/_detail_{capacity}.html",
        "now": timezone.now(),
        **DETAIL_CONTEXT[capacity](support_request),
    }
    return render(request, "requests/detail.html", context)


def requester_context(support_request):
    return {
        "offer": support_request.pending_offer(),
        "meetings_count": support_request.meetings.count(),
        "follow_up": support_request.follow_ups.waiting_for_answer().first(),
        "follow_up_form": FollowUpAnswerForm(),
    }


def offered_peer_context(support_request):
    return {"offer": support_request.pending_offer()}


def assigned_peer_context(support_request):
    return {
        "meetings": support_request.meetings.all(),
        "escalations": support_request.escalations.all(),
        "first_contact_form": FirstContactForm(initial={"contacted_at": timezone.localtime()}),
        "meeting_form": MeetingForm(initial={"held_on": timezone.localdate()}),
        "escalation_form": EscalationForm(),
        "close_form": CloseForm(),
    }


def coordinator_context(support_request):
    return {"offers": support_request.offers.select_related("peer"), "assign_form": AssignForm()}


# What each capacity's part of the page needs (templates/requests/_detail_<capacity>.html).
DETAIL_CONTEXT = {
    Capacity.REQUESTER: requester_context,
    Capacity.OFFERED_PEER: offered_peer_context,
    Capacity.ASSIGNED_PEER: assigned_peer_context,
    Capacity.COORDINATOR: coordinator_context,
}


def back_to(support_request):
    return redirect("requests:detail", pk=support_request.pk)


@require_POST
def withdraw(request, pk):
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    try:
        services.request_withdraw(support_request=support_request)
    except services.AlreadyTaken:
        messages.error(request, _("This request is already closed."))
    else:
        messages.success(request, _("Your request is withdrawn. Nobody will contact you."))
    return back_to(support_request)


@require_POST
def erase(request, pk):
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    try:
        services.request_erase(support_request=support_request)
    except services.StillOpen:
        messages.error(request, _("Withdraw the request first, or wait until it is closed."))
        return back_to(support_request)
    messages.success(request, _("Your details and message are erased."))
    return redirect("requests:mine")


@require_POST
def follow_up(request, pk):
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    due = support_request.follow_ups.waiting_for_answer().first()
    form = FollowUpAnswerForm(request.POST)
    if due is None or not form.is_valid():
        messages.error(request, _("There is no question waiting for your answer."))
        return back_to(support_request)
    services.follow_up_answer(follow_up=due, answer=form.cleaned_data["answer"])
    if form.cleaned_data["answer"] == FollowUp.Answer.YES:
        messages.success(request, _("Your peer supporter is told, and will contact you."))
    else:
        messages.success(request, _("Thank you. Take care of yourself."))
    return back_to(support_request)


@require_POST
def accept(request, pk):
    support_request, _capacity = access.get_request_for_user(
        request.user, pk, access.OFFER_ANSWERERS
    )
    peer = own_peer_profile(request.user)
    try:
        services.request_accept(request_id=support_request.pk, peer=peer)
    except services.AlreadyTaken:
        messages.error(request, _("This request is no longer waiting for you."))
        return redirect("requests:inbox")
    messages.success(request, _("Thank you. The contact details are below: reach out soon."))
    return back_to(support_request)


@require_POST
def decline(request, pk):
    support_request, _capacity = access.get_request_for_user(
        request.user, pk, access.OFFER_ANSWERERS
    )
    peer = own_peer_profile(request.user)
    try:
        services.request_decline(request_id=support_request.pk, peer=peer)
    except services.AlreadyTaken:
        messages.error(request, _("This request is no longer waiting for you."))
    else:
        messages.success(request, _("Declined. The request goes to another peer supporter."))
    return redirect("requests:inbox")


def assigned_peer_form(request, pk, form_class):
    support_request = access.get_request_as(request.user, pk, Capacity.ASSIGNED_PEER)
    form = form_class(request.POST)
    if not form.is_valid() or support_request.status != Status.ACCEPTED:
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, _("Not recorded. %s") % errors)
        return support_request, None
    return support_request, form


@require_POST
def first_contact(request, pk):
    support_request, form = assigned_peer_form(request, pk, FirstContactForm)
    if form:
        when = form.cleaned_data["contacted_at"]
        services.request_first_contact(support_request=support_request, when=when)
        messages.success(request, _("First contact recorded."))
    return back_to(support_request)


@require_POST
def meeting(request, pk):
    support_request, form = assigned_peer_form(request, pk, MeetingForm)
    if form:
        services.request_log_meeting(support_request=support_request, **form.cleaned_data)
        messages.success(request, _("Meeting recorded. Only its date, length and outcome."))
    return back_to(support_request)


@require_POST
def escalate(request, pk):
    support_request, form = assigned_peer_form(request, pk, EscalationForm)
    if form:
        services.request_escalate(
            support_request=support_request,
            peer=support_request.assigned_peer,
            **form.cleaned_data,
        )
        messages.success(request, _("Alert recorded. The coordinators are informed."))
    return back_to(support_request)


@require_POST
def close(request, pk):
    support_request, form = assigned_peer_form(request, pk, CloseForm)
    if form:
        services.request_close(
            support_request=support_request, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("Request closed. Thank you for your support."))
    return back_to(support_request)


@require_POST
@coordinator_required
def assign(request, pk):
    support_request = access.get_request_for_dispatch(request.user, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a published peer supporter."))
        return redirect("requests:dispatch")
    peer = form.cleaned_data["peer"]
    warnings = services.assignment_warnings(support_request, peer)
    if warnings and not form.cleaned_data["confirm"]:
        messages.warning(request, warning_text(warnings))
        return back_to(support_request)
    try:
        services.request_assign(request_id=support_request.pk, peer=peer)
    except services.AlreadyTaken:
        messages.error(request, _("This request left the queue meanwhile."))
    else:
        messages.success(request, _("Assigned to %s.") % peer.display_name)
    return redirect("requests:dispatch")


def warning_text(warnings):
    texts = {
        "requester": _("this peer made the request"),
        "same_department": _("the colleague asked for a peer from another department"),
        "already_asked": _("this peer was already asked and did not take it"),
        "site_preference": _("the colleague's choice of site rules this peer out"),
    }
    reasons = "; ".join(str(texts[warning]) for warning in warnings)
    return _("Not assigned yet: %s. Tick the confirmation to assign all the same.") % reasons


@never_cache
@require_GET
@peer_profile_required
def inbox(request):
    peer = own_peer_profile(request.user)
    offered = (
        Offer.objects.pending()
        .filter(peer=peer)
        .select_related("support_request")
        .order_by("expires_at")
    )
    assigned = SupportRequest.objects.assigned_to(peer)
    return render(
        request,
        "requests/inbox.html",
        {
            "offers": offered,
            "active": assigned.filter(status=Status.ACCEPTED).order_by("accepted_at"),
            "closed": assigned.exclude(status=Status.ACCEPTED).order_by("-closed_at")[:LIST_LIMIT],
            "now": timezone.now(),
        },
    )


@never_cache
@coordinator_required
@require_GET
def dispatch(request):
    mine = SupportRequest.objects.in_scope_of(request.user, roles.COORDINATOR)
    waiting = mine.in_dispatch().select_related("site").order_by("dispatched_at")
    offered = mine.filter(status=Status.OFFERED).count()
    return render(
        request,
        "requests/dispatch.html",
        {
            "waiting": waiting[:LIST_LIMIT],
            "offered_count": offered,
            "undelivered": undelivered(),
            "now": timezone.now(),
        },
    )


@never_cache
@privacy_officer_required
@require_GET
def trail_lookup(request):
    form = TrailLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("requests:trail", pk=form.cleaned_data["request"])
    return render(request, "requests/trail_lookup.html", {"form": form})


@never_cache
@privacy_officer_required
@require_GET
def trail(request, pk):
    """Who created, read, changed or deleted one request and its child rows, and when: the
    privacy officer's duty of investigating misuse. The read itself is audited."""
    support_request = access.get_request_for_privacy_officer(pk)
    entries = services.request_trail_read(support_request=support_request, reader=request.user)
    rows = [trail_row(entry) for entry in entries]
    return render(
        request, "requests/trail.html", {"support_request": support_request, "rows": rows}
    )


def trail_row(entry):
    """One line of the trail: who did what to which record, and what changed (for changes
    only: a creation's diff repeats the whole row)."""
    changed = entry.action == LogEntry.Action.UPDATE
    return {
        "entry": entry,
        "event": trail_event(entry),
        "record": TRAIL_RECORDS.get(entry.content_type.model, entry.content_type.model),
        "changes": entry.changes_dict if changed else {},
    }


TRAIL_RECORDS = {
    "supportrequest": _lazy("the request"),
    "offer": _lazy("an offer to a peer"),
    "meeting": _lazy("a meeting"),
    "escalation": _lazy("an imminent-danger alert"),
    "followup": _lazy("a follow-up"),
}
TRAIL_ACTIONS = {
    LogEntry.Action.CREATE: _lazy("created"),
    LogEntry.Action.UPDATE: _lazy("changed"),
    LogEntry.Action.DELETE: _lazy("deleted"),
    LogEntry.Action.ACCESS: _lazy("read"),
}


def trail_event(entry):
    if entry.additional_data == services.TRAIL_READ:
        return _("read this access trail (privacy officer)")
    return TRAIL_ACTIONS.get(entry.action, entry.get_action_display())
