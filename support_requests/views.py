from datetime import timedelta

from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.models import staff_department, staff_site_and_department
from peers.access import own_peer_profile, peer_profile, peer_profile_required
from peers.models import Nomination, PeerSupporter, charter_roll_out
from support_requests import access, availability, services
from support_requests.access import Capacity
from support_requests.forms import (
    AssignForm,
    CloseForm,
    EscalationForm,
    FirstContactForm,
    FollowUpAnswerForm,
    InvitationAnswerForm,
    MeetingForm,
    OutreachForm,
    PassOnForm,
    ReferralForm,
    SupportRequestForm,
    TeamSessionArrangeForm,
    TeamSessionRequestForm,
    TrailLookupForm,
)
from support_requests.models import (
    FollowUp,
    Invitation,
    Offer,
    Outreach,
    Status,
    SupportRequest,
    TeamSession,
)
from svsupport.lib import roles
from svsupport.lib.mail import undelivered
from svsupport.lib.roles import coordinator_required, privacy_officer_required

LIST_LIMIT = 50
QUEUE_PAGE_SIZE = 25


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
            "promise": availability.promise(support_request, timezone.now()),
            "promise_hours": settings.REQUEST_CONTACT_PROMISE_HOURS,
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
    invitations = Invitation.objects.for_invitee(request.user)
    return render(
        request,
        "requests/mine.html",
        {"support_requests": support_requests, "invitations": invitations},
    )


# The menu section a request's page belongs to, by the reader's capacity.
DETAIL_SECTIONS = {
    Capacity.REQUESTER: "ask",
    Capacity.OFFERED_PEER: "inbox",
    Capacity.ASSIGNED_PEER: "inbox",
    Capacity.COORDINATOR: "dispatch",
}


@never_cache
@require_GET
def detail(request, pk):
    support_request, capacity = access.get_request_for_user(request.user, pk)
    log_read(support_request)
    context = {
        "support_request": support_request,
        "capacity_template": f"requests/_detail_{capacity}.html",
        "now": timezone.now(),
        "section": DETAIL_SECTIONS[capacity],
        **DETAIL_CONTEXT[capacity](support_request),
    }
    return render(request, "requests/detail.html", context)


def requester_context(support_request):
    offer = support_request.pending_offer()
    return {
        "offer": offer,
        "pass_on_form": offer and PassOnForm(initial={"offer": offer.pk}),
        "meetings_count": support_request.meetings.count(),
        "follow_up": support_request.follow_ups.waiting_for_answer().first(),
        "follow_up_form": FollowUpAnswerForm(),
    }


def offered_peer_context(support_request):
    return {"offer": support_request.pending_offer()}


def assigned_peer_context(support_request):
    return {
        "meetings": support_request.meetings.all(),
        "check_ins": support_request.check_ins.all(),
        "escalations": support_request.escalations.all(),
        # Never pre-filled: a first contact is recorded when it happened, as typed.
        "first_contact_form": FirstContactForm(),
        "meeting_form": MeetingForm(initial={"held_on": timezone.localdate()}),
        "escalation_form": EscalationForm(),
        "close_form": CloseForm(),
    }


def coordinator_context(support_request):
    return {
        "offers": support_request.offers.select_related("peer"),
        # An overdue contact is the assigned peer's to make: no assignment from here.
        "assign_form": None if support_request.is_contact_overdue else AssignForm(),
    }


# What each capacity's part of the page needs (templates/requests/_detail_<capacity>.html).
DETAIL_CONTEXT = {
    Capacity.REQUESTER: requester_context,
    Capacity.OFFERED_PEER: offered_peer_context,
    Capacity.ASSIGNED_PEER: assigned_peer_context,
    Capacity.COORDINATOR: coordinator_context,
}


def back_to(support_request):
    return redirect("requests:detail", pk=support_request.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """GET says what withdrawing does and asks for confirmation; POST withdraws."""
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    if request.method == "GET":
        return render(request, "requests/withdraw.html", {"support_request": support_request})
    try:
        services.request_withdraw(support_request=support_request)
    except services.AlreadyTaken:
        messages.error(request, _("This request is already closed."))
    else:
        messages.success(request, _("Your request is withdrawn. Nobody will contact you."))
    return back_to(support_request)


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request, pk):
    """GET says what erasing does and asks for confirmation; POST erases (a closed or
    withdrawn request only)."""
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    if support_request.is_open:
        messages.error(request, _("Withdraw the request first, or wait until it is closed."))
        return back_to(support_request)
    if request.method == "GET":
        return render(
            request,
            "requests/erase.html",
            {
                "support_request": support_request,
                "retention_days": settings.REQUEST_RETENTION_DAYS,
            },
        )
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
def pass_on(request, pk):
    support_request = access.get_request_as(request.user, pk, Capacity.REQUESTER)
    form = PassOnForm(request.POST)
    try:
        if not form.is_valid():
            raise services.AlreadyTaken
        services.request_pass_on(request_id=support_request.pk, offer_id=form.cleaned_data["offer"])
    except services.AlreadyTaken:
        messages.error(request, _("The offer changed meanwhile: see who it is offered to now."))
    else:
        messages.success(request, _("Understood. Your request goes to someone else."))
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
            support_request=support_request,
            outcome=form.cleaned_data["outcome"],
            heavy=form.cleaned_data["heavy"],
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
            "peer": peer,
            "load": availability.peer_load(peer),
        },
    )


@never_cache
@coordinator_required
@require_GET
def dispatch(request):
    """The coordinators' queue, in their site scope: requests waiting for a peer and first
    contacts overdue, oldest first, each with why it is here and its age against the
    promise."""
    mine = SupportRequest.objects.in_scope_of(request.user, roles.COORDINATOR)
    queue = mine.in_coordinator_queue().select_related("site")
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    offered = mine.filter(status=Status.OFFERED).count()
    return render(
        request,
        "requests/dispatch.html",
        {
            "page": page,
            "offered_count": offered,
            "undelivered": undelivered(),
            "promise_hours": settings.REQUEST_CONTACT_PROMISE_HOURS,
            "now": timezone.now(),
        },
    )


@never_cache
@coordinator_required
@require_GET
def coordination(request):
    """Where coordinators land after login: what needs their action today, as counts that
    link to the page where they act."""
    queue = SupportRequest.objects.in_scope_of(
        request.user, roles.COORDINATOR
    ).in_coordinator_queue()
    peers = PeerSupporter.objects.in_scope_of(request.user)
    roll_out = charter_roll_out()
    return render(
        request,
        "requests/coordination.html",
        {
            "waiting_count": queue.filter(status=Status.DISPATCH).count(),
            "overdue_count": queue.filter(status=Status.ACCEPTED).count(),
            "attention_count": peers.needing_attention(roll_out=roll_out).count(),
            "nominations_count": Nomination.objects.visible_to_coordinator(request.user)
            .filter(state=Nomination.State.AWAITING_COORDINATORS)
            .count(),
            "roll_out": roll_out if roll_out.in_grace() else None,
            "to_sign_count": peers.to_sign_current_charter(roll_out).count(),
            "undelivered": undelivered(),
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
    "checkin": _lazy("a check-in reminder"),
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


# Reaching in: outreach, referrals, invitations, team sessions ----------------------------


@never_cache
@coordinator_required
@require_GET
def outreach_list(request):
    """A coordinator's own outreach: when, which kind of event, how many were invited and
    when the unanswered invitations are erased. Never who answered, nor how."""
    outreaches = Outreach.objects.filter(recorded_by=request.user)[:LIST_LIMIT]
    return render(
        request,
        "requests/outreach_list.html",
        {"outreaches": outreaches, "retention": timedelta(days=settings.OUTREACH_RETENTION_DAYS)},
    )


@never_cache
@coordinator_required
@require_http_methods(["GET", "POST"])
def outreach_new(request):
    form = OutreachForm(request.POST or None, coordinator=request.user)
    if form.is_valid():
        services.outreach_create(
            coordinator=request.user,
            invitees=form.cleaned_data["invitees"],
            category=form.cleaned_data["category"],
        )
        messages.success(request, _("Recorded. Each colleague receives a content-free invitation."))
        return redirect("requests:outreach_list")
    return render(request, "requests/outreach_new.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def refer(request):
    form = ReferralForm(request.POST or None, referrer=request.user)
    if form.is_valid():
        services.referral_create(
            referrer=request.user,
            colleague=form.cleaned_data["colleague"],
            name_me=form.cleaned_data["name_me"],
        )
        # The same words whatever happened: an invitation already waiting for this colleague
        # is not the referrer's to know.
        messages.success(
            request,
            _("Thank you for looking out for your colleague. They receive a discreet invitation."),
        )
        return redirect("requests:refer")
    return render(
        request,
        "requests/refer.html",
        {"form": form, "retention_days": settings.OUTREACH_RETENTION_DAYS},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, pk):
    """The invitee's page: yes (the request form, as when one asks), not now, no thanks."""
    try:
        invitation = access.get_invitation_for_invitee(request.user, pk)
    except Http404:
        # A double click on "yes": the first click made the request and erased the
        # invitation; the second leads to that request (the person's own), like request_create.
        made = access.own_request_by_submission(request.user, request.POST.get("submission_id"))
        if made is None:
            raise
        return redirect("requests:sent", pk=made.pk)
    form = SupportRequestForm(
        request.POST or None,
        department=staff_department(request.user),
        initial={"situation": invitation.category},
    )
    limit = None
    if form.is_valid():
        try:
            support_request = services.invitation_accept(
                invitation=invitation, values=form.request_values()
            )
        except services.LimitReached as refusal:
            limit = refusal.reason
        else:
            if support_request is None:
                raise Http404
            return redirect("requests:sent", pk=support_request.pk)
    return render(
        request,
        "requests/invitation.html",
        {
            "invitation": invitation,
            "is_outreach": invitation.source == Invitation.Source.OUTREACH,
            "form": form,
            "limit": limit,
            "erased_on": invitation.created_at + timedelta(days=settings.OUTREACH_RETENTION_DAYS),
        },
    )


@require_POST
def invitation_answer(request, pk):
    invitation = access.get_invitation_for_invitee(request.user, pk)
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        return redirect("requests:invitation", pk=invitation.pk)
    if form.cleaned_data["answer"] == "not_now":
        services.invitation_postpone(invitation=invitation)
        messages.success(request, _("Understood. The invitation stays here for a while."))
    else:
        services.invitation_erase(invitation)
        messages.success(request, _("Understood. The invitation is erased. Take care."))
    return redirect("requests:mine")


@never_cache
@require_http_methods(["GET", "POST"])
def team_sessions(request):
    """Any staff member asks for a team session; they see the sessions they asked for, and
    a peer the sessions they are paired on."""
    form = TeamSessionRequestForm(request.POST or None, department=staff_department(request.user))
    if form.is_valid():
        services.team_session_request(manager=request.user, **form.cleaned_data)
        messages.success(request, _("Asked. The coordinators will arrange the session."))
        return redirect("requests:team_sessions")
    peer = peer_profile(request.user)
    return render(
        request,
        "requests/team_sessions.html",
        {
            "form": form,
            "asked": TeamSession.objects.filter(requested_by=request.user).select_related(
                "department", "peer"
            )[:LIST_LIMIT],
            "paired": TeamSession.objects.filter(peer=peer).select_related("department")[
                :LIST_LIMIT
            ]
            if peer
            else [],
            "eap_contact": settings.EAP_CONTACT,
        },
    )


@never_cache
@coordinator_required
@require_GET
def team_session_manage(request):
    sessions = TeamSession.objects.select_related("department", "peer")[:LIST_LIMIT]
    rows = [
        (
            session,
            TeamSessionArrangeForm(instance=session, auto_id=f"arrange-{session.pk}-%s")
            if session.state == TeamSession.State.REQUESTED
            else None,
        )
        for session in sessions
    ]
    return render(request, "requests/team_session_manage.html", {"rows": rows})


@require_POST
@coordinator_required
def team_session_arrange(request, pk):
    session = access.get_team_session_to_arrange(request.user, pk)
    form = TeamSessionArrangeForm(request.POST, instance=TeamSession(headcount=session.headcount))
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, _("Not recorded. %s") % errors)
        return redirect("requests:team_session_manage")
    try:
        services.team_session_arrange(
            session_id=session.pk, coordinator=request.user, **form.cleaned_data
        )
    except services.AlreadyTaken:
        messages.error(request, _("Another coordinator has already arranged this session."))
    else:
        messages.success(
            request, _("Session arranged. The peer and the colleague who asked are told.")
        )
    return redirect("requests:team_session_manage")
