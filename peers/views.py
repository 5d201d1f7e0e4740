from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.models import Department, Site, staff_site_and_department
from peers import access, services
from peers.forms import (
    ELIGIBILITY_FIELDS,
    CoordinatorStatusForm,
    DirectoryFilterForm,
    ManageFilterForm,
    NewPeerForm,
    NominationDecisionForm,
    NominationForm,
    NomineeAnswerForm,
    OnCallShiftForm,
    OwnProfileForm,
    PauseForm,
    PeerForm,
    PrintChoiceForm,
    SelfStatusForm,
    SupportSessionForm,
    TimeAwayForm,
    TrainingBatchForm,
    WeeklyAvailabilityForm,
)
from peers.lib import ListLabels, audit_history, directory_qr_svg, language_codes
from peers.models import (
    Nomination,
    OnCallShift,
    PeerSupporter,
    RequestedBy,
    Status,
    StatusChangeRefused,
    charter_roll_out,
    current_charter,
)
from support_requests import availability
from svsupport.lib.csv_export import csv_streaming_response
from svsupport.lib.roles import COORDINATOR, coordinator_required, site_scope

DIRECTORY_PAGE_SIZE = 24
MANAGE_PAGE_SIZE = 50


def opening_filters(request):
    """The directory's filters: as asked, else opening on the reader's own site (every
    site is one filter away: "All sites")."""
    if "site" in request.GET:
        return request.GET
    site, _department = staff_site_and_department(request.user)
    if site is None:
        return request.GET or None
    data = request.GET.copy()
    data["site"] = site.code
    return data


def where_published(units, published, field):
    """The sites or departments (`units`) where at least one `published` peer works, in
    name order. A LIMIT 1 subquery per unit stops at its first published peer; with EXISTS
    the planner read every published peer for each site."""
    first_peer = published.filter(**{field: OuterRef("pk")}).order_by().values("pk")[:1]
    return (
        units.alias(first_peer=Subquery(first_peer))
        .filter(first_peer__isnull=False)
        .in_name_order()
    )


def directory_filter(request):
    # The directory's rule without the readiness annotations: no card shows them.
    published = PeerSupporter.objects.listed().select_related("department", "site")
    # Only the departments and sites where a published peer works: no empty choice.
    form = DirectoryFilterForm(
        opening_filters(request),
        departments=where_published(Department.objects, published, "department"),
        sites=where_published(Site.objects, published, "site"),
    )
    peers = form.filter(published) if form.is_bound else published
    return form, peers.prefetch_related("languages").order_by("search_name", "pk")


@require_GET
def directory(request):
    form, peers = directory_filter(request)
    page = Paginator(peers, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = form.data.copy() if form.is_bound else request.GET.copy()
    query.pop("page", None)
    chosen = form.cleaned_data if form.is_valid() else {}
    site, department = chosen.get("site"), chosen.get("department")
    # The printed sheet of what the reader is looking at: this site and/or this department.
    print_query = {"site": site.code} if site else {}
    if department:
        print_query = {"site": site.code if site else "", "department": department.code}
    return render(
        request,
        "peers/directory.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(request.GET),
            "query": query.urlencode(),
            "site": site,
            "print_query": urlencode(print_query),
        },
    )


@require_GET
def directory_print(request):
    """The A4 list for a notice board: the published peers of one site and/or one department
    (?site=CODE&department=CODE), with a QR code to the same list online. Without a choice,
    the reader's own site (their staff profile) when known, else the choice form alone:
    never the whole network at once. An unknown code answers 400 with the form."""
    published = PeerSupporter.objects.listed()
    form = PrintChoiceForm(
        print_choice(request),
        departments=where_published(Department.objects, published, "department"),
        sites=where_published(Site.objects, published, "site"),
    )
    context = {"form": form, "chosen": form.chosen}
    if form.chosen:
        site, department = form.cleaned_data["site"], form.cleaned_data["department"]
        # "site=" when only a department is chosen: the directory would open on the reader's site.
        query = {"site": site.code if site else ""} | (
            {"department": department.code} if department else {}
        )
        link = request.build_absolute_uri(reverse("peers:directory") + "?" + urlencode(query))
        context |= {
            "site": site,
            "department": department,
            "rows": printed_rows(form.filter(published)),
            "link": link,
            "qr_svg": directory_qr_svg(link),
        }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "peers/directory_print.html", context, status=status)


def print_choice(request):
    """The sheet asked for, else the reader's own site (None when unknown: the form asks)."""
    if "site" in request.GET or "department" in request.GET:
        return request.GET
    site, _department = staff_site_and_department(request.user)
    return {"site": site.code} if site else None


def printed_rows(peers):
    """The printed sheet's rows, read as plain values with every label translated once."""
    labels = ListLabels()
    peers = peers.annotate(language_list=language_codes()).order_by("search_name", "pk")
    return [
        {
            "name": peer["display_name"],
            "profession": labels.profession(peer["profession"]),
            "department": labels.departments.get(peer["department_id"], ""),
            "site": labels.sites.get(peer["site_id"], ""),
            "extension": peer["phone_extension"],
            "languages": labels.languages_of(peer["language_list"]),
        }
        for peer in peers.values(
            "display_name",
            "profession",
            "department_id",
            "site_id",
            "phone_extension",
            "language_list",
        )
    ]


@require_http_methods(["GET", "POST"])
def me(request):
    peer = access.own_peer_profile(request.user)
    form = OwnProfileForm(request.POST or None, instance=peer)
    if form.is_valid():
        services.peer_save(peer=form.save(commit=False), languages=form.cleaned_data["languages"])
        messages.success(request, _("Your details are saved."))
        return redirect("peers:me")
    roll_out = charter_roll_out()
    charter = roll_out.current
    listed = PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    return render(
        request,
        "peers/me.html",
        {
            "peer": peer,
            "form": form,
            "charter": charter,
            "charter_signed": charter and peer.signatures.filter(charter=charter).exists(),
            # Still listed on the previous version's signature: sign by the deadline.
            "charter_deadline": roll_out.deadline if listed and roll_out.in_grace() else None,
            "missing": peer.missing_for_activation()
            if peer.status == Status.ACTIVE and not listed
            else [],
            "training": peer.training_records.all(),
            "attendances": peer.attendances.select_related("session"),
            "nominations": peer.nominations_made.select_related("nominee"),
            "pause_form": PauseForm(to_status=Status.PAUSED),
            "resume_form": SelfStatusForm(to_status=Status.ACTIVE),
            "load": availability.peer_load(peer),
            "now": timezone.now(),
            "paused_by_programme": availability.paused_by_programme(peer),
            "lapses_before_pause": settings.PEER_LAPSES_BEFORE_PAUSE,
            "withdraw_form": SelfStatusForm(to_status=Status.WITHDRAWN),
        },
    )


@require_POST
def me_status(request):
    peer = access.own_peer_profile(request.user)
    form = PauseForm(request.POST)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, _("Not recorded: %s") % errors)
        return redirect("peers:me")
    try:
        services.peer_change_status(
            peer=peer,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            requested_by=RequestedBy.PEER,
            reason=form.cleaned_data["reason"],
            paused_until=form.cleaned_data["paused_until"],
        )
    except StatusChangeRefused as refusal:
        messages.error(request, _("Not recorded: %s.") % "; ".join(map(str, refusal.reasons)))
    else:
        messages.success(request, _("Your status is now “%s”.") % peer.get_status_display())
    return redirect("peers:me")


@require_http_methods(["GET", "POST"])
def me_availability(request):
    peer = access.own_peer_profile(request.user)
    cap = availability.caseload_cap()
    form = WeeklyAvailabilityForm(request.POST or None, peer=peer, cap=cap)
    if form.is_valid():
        services.availability_save(peer=peer, form=form)
        messages.success(request, _("Your hours are saved."))
        return redirect("peers:me_availability")
    return render(
        request,
        "peers/me_availability.html",
        {
            "peer": peer,
            "form": form,
            "away_form": TimeAwayForm(),
            "time_away": peer.time_away.filter(last_day__gte=timezone.localdate()),
            "load": availability.peer_load(peer),
            "now": timezone.now(),
        },
    )


@require_POST
def me_away_add(request):
    peer = access.own_peer_profile(request.user)
    form = TimeAwayForm(request.POST)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, _("Not recorded: %s") % errors)
        return redirect("peers:me_availability")
    away = form.save(commit=False)
    away.peer = peer
    away.save()
    messages.success(request, _("Your time away is recorded: no request reaches you then."))
    return redirect("peers:me_availability")


@require_POST
def me_away_delete(request, pk):
    away = access.get_own_time_away(request.user, pk)
    away.delete()
    messages.success(request, _("Time away removed."))
    return redirect("peers:me_availability")


@require_POST
def me_sign_charter(request):
    peer = access.own_peer_profile(request.user)
    charter = current_charter()
    if charter is None or request.POST.get("charter") != str(charter.number):
        messages.error(request, _("The charter changed meanwhile: read the new version."))
        return redirect("peers:me")
    peer.sign_charter(charter)
    messages.success(request, _("Thank you: your signature is recorded."))
    return redirect("peers:me")


@require_http_methods(["GET", "POST"])
def nominate(request):
    peer = access.get_active_own_profile(request.user)
    form = NominationForm(request.POST or None, nominator=peer)
    if form.is_valid():
        services.nomination_create(nominator=peer, **form.cleaned_data)
        messages.success(request, _("Thank you. Your colleague is asked first, privately."))
        return redirect("peers:me")
    return render(request, "peers/nominate.html", {"form": form})


@require_http_methods(["GET", "POST"])
def nomination_answer(request, pk):
    nomination = access.get_nomination_for_nominee(request.user, pk)
    form = NomineeAnswerForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        services.nomination_answer(
            nomination_id=nomination.pk,
            nominee=request.user,
            consent=data["consent"],
            attestation={name: data[name] for name in ELIGIBILITY_FIELDS},
        )
        messages.success(request, _("Thank you, your answer is recorded."))
        return redirect("home")
    return render(request, "peers/nomination_answer.html", {"nomination": nomination, "form": form})


# Coordinators ---------------------------------------------------------------------------


@coordinator_required
@require_GET
def manage(request):
    attention = bool(request.GET.get("attention"))
    filter_form = ManageFilterForm(request.GET)
    roll_out = charter_roll_out()  # read once, for every list and count below
    mine = PeerSupporter.objects.in_scope_of(request.user)
    needing_attention = mine.needing_attention(roll_out=roll_out)
    listed = filter_form.filter(needing_attention if attention else mine)
    page = Paginator(
        listed.order_by("search_name", "pk").values_list("pk", flat=True), MANAGE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    page.object_list = peers_with_reasons(mine, page.object_list, roll_out)
    query = request.GET.copy()
    query.pop("page", None)
    in_grace = roll_out.in_grace()
    unfiltered = filter_form.is_valid() and not any(filter_form.cleaned_data.values())
    return render(
        request,
        "peers/manage.html",
        {
            "page": page,
            "filter_form": filter_form,
            "attention": attention,
            # Already counted by the paginator when the page lists exactly those peers.
            "attention_count": page.paginator.count
            if attention and unfiltered
            else needing_attention.count(),
            "pending_nominations": Nomination.objects.visible_to_coordinator(request.user)
            .filter(state=Nomination.State.AWAITING_COORDINATORS)
            .count(),
            "query": query.urlencode(),
            # During a roll-out: who has not signed the new version yet, and by when.
            "roll_out": roll_out if in_grace else None,
            "to_sign_count": mine.to_sign_current_charter(roll_out).count() if in_grace else 0,
        },
    )


def peers_with_reasons(peers, pks, roll_out):
    """The peers `pks` (one page's ids, a query run as a subquery) in name order, with their
    readiness and the reasons they need attention: asked of the whole list ordered and cut
    to a page, PostgreSQL computed the readiness of every peer of the network to show 50."""
    page = list(peers.with_readiness(roll_out).filter(pk__in=pks).order_by("search_name", "pk"))
    for peer in page:
        peer.reasons = peer.attention_reasons(roll_out=roll_out)
    return page


@coordinator_required
@require_http_methods(["GET", "POST"])
def manage_add(request):
    form = NewPeerForm(request.POST or None, scope=site_scope(request.user, COORDINATOR))
    if form.is_valid():
        peer = services.peer_save(
            peer=form.save(commit=False),
            languages=form.cleaned_data["languages"],
            account=form.cleaned_data["account"],
        )
        messages.success(request, _("%s is recorded as a candidate.") % peer.display_name)
        return redirect("peers:manage_edit", pk=peer.pk)
    return render(request, "peers/manage_add.html", {"form": form})


@coordinator_required
@require_http_methods(["GET", "POST"])
def manage_edit(request, pk):
    peer = access.get_peer_for_coordinator(request.user, pk)
    form = PeerForm(
        request.POST or None, instance=peer, scope=site_scope(request.user, COORDINATOR)
    )
    if form.is_valid():
        services.peer_save(peer=form.save(commit=False), languages=form.cleaned_data["languages"])
        messages.success(request, _("Saved."))
        return redirect("peers:manage_edit", pk=peer.pk)
    return render(
        request,
        "peers/manage_edit.html",
        {
            "peer": peer,
            "form": form,
            "status_form": CoordinatorStatusForm(initial={"requested_by": RequestedBy.COORDINATOR}),
            "missing": peer.missing_for_activation(),
            "training": peer.training_records.all(),
            "attendances": peer.attendances.select_related("session"),
        },
    )


@require_POST
@coordinator_required
def manage_status(request, pk):
    peer = access.get_peer_for_coordinator(request.user, pk)
    form = CoordinatorStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not recorded: check the form."))
        return redirect("peers:manage_edit", pk=peer.pk)
    data = form.cleaned_data
    try:
        services.peer_change_status(
            peer=peer,
            to_status=data["to_status"],
            by=request.user,
            requested_by=data["requested_by"],
            reason=data["reason"],
            paused_until=data["paused_until"],
        )
    except StatusChangeRefused as refusal:
        messages.error(request, _("Not recorded: %s.") % "; ".join(map(str, refusal.reasons)))
    else:
        messages.success(request, _("Status changed to “%s”.") % peer.get_status_display())
    return redirect("peers:manage_edit", pk=peer.pk)


@require_GET
@coordinator_required
def manage_history(request, pk):
    peer = access.get_peer_for_coordinator(request.user, pk)
    return render(
        request,
        "peers/manage_history.html",
        {
            "peer": peer,
            "status_changes": peer.status_changes.select_related("changed_by"),
            "entries": audit_history(peer),
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def manage_training(request):
    form = TrainingBatchForm(request.POST or None, scope=site_scope(request.user, COORDINATOR))
    if form.is_valid():
        records = services.training_record_for_many(**form.cleaned_data)
        count = len(records)
        message = ngettext(
            "Training recorded for %(count)d peer.", "Training recorded for %(count)d peers.", count
        )
        messages.success(request, message % {"count": count})
        return redirect("peers:manage")
    return render(request, "peers/manage_training.html", {"form": form})


@coordinator_required
@require_http_methods(["GET", "POST"])
def manage_session(request):
    form = SupportSessionForm(request.POST or None, scope=site_scope(request.user, COORDINATOR))
    if form.is_valid():
        session = services.support_session_record(**form.cleaned_data)
        count = len(form.cleaned_data["attendees"])
        message = ngettext(
            "Session recorded with %(count)d attendee.",
            "Session recorded with %(count)d attendees.",
            count,
        )
        messages.success(request, message % {"count": count})
        return redirect(reverse("peers:manage") + f"#session-{session.pk}")
    return render(request, "peers/manage_session.html", {"form": form})


@coordinator_required
@require_GET
def nomination_queue(request):
    nominations = (
        Nomination.objects.visible_to_coordinator(request.user)
        .select_related("nominee", "nominator", "decided_by")
        .order_by("state", "-created_at")
    )
    page = Paginator(nominations, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (
            nomination,
            NominationDecisionForm(auto_id=f"decision-{nomination.pk}-%s")
            if nomination.state == Nomination.State.AWAITING_COORDINATORS
            else None,
        )
        for nomination in page
    ]
    return render(request, "peers/nomination_queue.html", {"page": page, "rows": rows})


@require_POST
@coordinator_required
def nomination_decide(request, pk):
    nomination = access.get_nomination_for_coordinator(request.user, pk)
    form = NominationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("peers:nomination_queue")
    decided = services.nomination_decide(
        nomination_id=nomination.pk,
        coordinator=request.user,
        accept=form.cleaned_data["accept"],
        reason=form.cleaned_data["reason"],
    )
    if decided is None:
        messages.error(request, _("Another coordinator has already decided on this nomination."))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("peers:nomination_queue")


@coordinator_required
@require_http_methods(["GET", "POST"])
def on_call_rota(request):
    form = OnCallShiftForm(request.POST or None)
    if form.is_valid():
        form.save()
        messages.success(request, _("The shift is on the rota."))
        return redirect("peers:on_call_rota")
    shifts = (
        OnCallShift.objects.filter(ends_at__gt=timezone.now())
        .select_related("site", "peer")
        .order_by("starts_at", "pk")
    )
    page = Paginator(shifts, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "peers/on_call_rota.html",
        {
            "form": form,
            "page": page,
            "query": "",
            "oncall_minutes": settings.ONCALL_ACCEPT_WINDOW_MINUTES,
        },
    )


@require_POST
@coordinator_required
def on_call_delete(request, pk):
    shift = access.get_on_call_shift_for_coordinator(pk)
    shift.delete()
    messages.success(request, _("The shift is off the rota."))
    return redirect("peers:on_call_rota")


EXPORT_FIELDS = [
    "display_name", "user__username", "profession", "department_id", "site_id",
    "language_list", "phone_extension", "work_email", "status", "paused_until", "joined_on",
    "has_initial_training", "has_current_charter", "last_supervision",
]  # fmt: skip
EXPORT_COLUMNS = [
    _lazy("Name"), _lazy("Username"), _lazy("Profession"), _lazy("Department"), _lazy("Site"),
    _lazy("Languages"), _lazy("Phone extension"), _lazy("Work e-mail"), _lazy("Status"),
    _lazy("Expected return"), _lazy("Joined on"), _lazy("Initial training completed"),
    _lazy("Current charter signed"), _lazy("Last supervision"),
]  # fmt: skip


@coordinator_required
@require_GET
def manage_export(request):
    """The registry as a spreadsheet, in the coordinator's language (svsupport.lib.csv_export
    for the encoding, formulas and numbers), streamed: a network's ten thousand peers are
    read in chunks as the file is sent, as plain values with every label looked up once."""
    peers = (
        PeerSupporter.objects.in_scope_of(request.user)
        .with_readiness()
        .annotate(language_list=language_codes())
        .order_by("search_name", "pk")
        .values(*EXPORT_FIELDS)
    )
    rows = export_rows(peers.iterator(chunk_size=2000))
    return csv_streaming_response("peer-supporters.csv", EXPORT_COLUMNS, rows)


def export_rows(peers):
    """One list of cells per peer (dicts of EXPORT_FIELDS), in the order of EXPORT_COLUMNS."""
    labels = ListLabels()
    yes_no = {True: _("yes"), False: _("no")}
    for peer in peers:
        yield [
            peer["display_name"],
            peer["user__username"],
            labels.profession(peer["profession"]),
            labels.departments.get(peer["department_id"], ""),
            labels.sites.get(peer["site_id"], ""),
            labels.languages_of(peer["language_list"]),
            peer["phone_extension"],
            peer["work_email"],
            labels.status(peer["status"]),
            peer["paused_until"],
            peer["joined_on"],
            yes_no[peer["has_initial_training"]],
            yes_no[peer["has_current_charter"]],
            peer["last_supervision"],
        ]
