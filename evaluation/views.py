"""The evaluation's pages: the anonymous questionnaire, the peer's burden, the awareness
pulse, the departments' headcounts. Anonymous answers go through `services` only, which
stores counters: these views never put an answer next to the person who gave it."""

from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from evaluation import access, queries, services
from evaluation.forms import BurdenForm, FeedbackForm, PulseForm, PulseOpenForm, StaffCountForm
from evaluation.models import AwarenessPulse, NeedsSupport, PulseParticipation, StaffCount
from figures import annual
from figures.periods import last_twelve_months
from organisation.models import Department, StaffProfile
from svsupport.lib.roles import coordinator_required, figures_required


@never_cache
@require_http_methods(["GET", "POST"])
def feedback(request):
    """The questionnaire behind a one-time token: anyone holding it may answer once. An
    unknown, used or lapsed token is a 404, whoever asks."""
    token = request.POST.get("token") or request.GET.get("token", "")
    if services.open_invitation(token) is None:
        raise Http404
    form = FeedbackForm(request.POST or None, initial={"token": token})
    if form.is_valid():
        if not services.feedback_answer(token=token, answers=form.answers()):
            raise Http404  # used meanwhile (the same form sent twice at once)
        return render(request, "evaluation/feedback_thanks.html")
    return render(request, "evaluation/feedback.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def burden(request):
    peer = access.own_peer(request.user)
    form = BurdenForm(request.POST or None)
    if form.is_valid():
        answer = services.burden_record(peer=peer, form=form)
        if answer.needs_support == NeedsSupport.YES:
            return redirect("evaluation:burden_support")
        messages.success(request, _("Thank you. Only you see your answers."))
        return redirect("evaluation:my_burden")
    return render(request, "evaluation/burden.html", {"form": form})


@never_cache
@require_GET
def my_burden(request):
    peer = access.own_peer(request.user)
    months = last_twelve_months().months
    trend = queries.my_burden_trend(peer, months)
    return render(
        request,
        "evaluation/my_burden.html",
        {
            "trend": trend,
            "chart": annual.burden_chart(trend),
            "has_answers": any(row["answers"] for row in trend),
        },
    )


@never_cache
@require_GET
def burden_support(request):
    access.own_peer(request.user)
    return render(
        request,
        "evaluation/burden_support.html",
        {"coordinator_contact": settings.COORDINATOR_CONTACT, "eap_contact": settings.EAP_CONTACT},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def pulse_answer(request):
    """The open awareness pulse, once per person; a page saying so otherwise."""
    pulse = access.open_pulse()
    answered = (
        pulse is not None
        and PulseParticipation.objects.filter(pulse=pulse, user=request.user).exists()
    )
    profile = StaffProfile.objects.filter(user=request.user).select_related("site").first()
    form = None
    if pulse and not answered:
        form = PulseForm(
            request.POST or None,
            site=profile.site if profile else None,
            profession=profile.profession if profile else "",
        )
    if form is not None and request.method == "POST" and form.is_valid():
        with suppress(services.AlreadyAnswered):  # a second tab: counted once, all the same
            services.pulse_answer(
                pulse=pulse,
                user=request.user,
                answers=form.answers(),
                site_code=form.cleaned_data["site"],
                profession=form.cleaned_data["profession"],
            )
        messages.success(request, _("Thank you. Your answers are counted, without your name."))
        return redirect("evaluation:pulse_answer")
    context = {"pulse": pulse, "answered": answered, "form": form}
    return render(request, "evaluation/pulse_answer.html", context)


@never_cache
@coordinator_required
@require_http_methods(["GET", "POST"])
def pulses(request):
    today = timezone.localdate()
    form = PulseOpenForm(
        request.POST or None, initial={"opens_on": today, "closes_on": today + timedelta(days=14)}
    )
    if form.is_valid():
        pulse = form.save(commit=False)
        pulse.opened_by = request.user
        pulse.save()
        messages.success(
            request,
            _("The awareness survey is planned. Staff answer it at %(path)s.")
            % {"path": request.build_absolute_uri(reverse("evaluation:pulse_answer"))},
        )
        return redirect("evaluation:pulses")
    context = {"form": form, "pulses": AwarenessPulse.objects.all()[:50], "today": today}
    return render(request, "evaluation/pulses.html", context)


@never_cache
@figures_required
@require_GET
def pulse_results(request, pk):
    pulse = access.get_pulse(pk)
    tables = annual.pulse_tables(pulse) if pulse.is_closed() else None
    context = {"pulse": pulse, "tables": tables, "threshold": settings.FIGURES_MIN_COUNT}
    return render(request, "evaluation/pulse_results.html", context)


@never_cache
@coordinator_required
@require_http_methods(["GET", "POST"])
def staff_counts(request):
    departments = Department.objects.current().in_name_order()
    counts = dict(StaffCount.objects.values_list("department", "headcount"))
    form = StaffCountForm(request.POST or None, departments=departments, counts=counts)
    if form.is_valid():
        services.staff_counts_save(headcounts=form.headcounts())
        messages.success(request, _("Staff counts saved."))
        return redirect("evaluation:staff_counts")
    return render(request, "evaluation/staff_counts.html", {"form": form})
