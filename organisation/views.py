from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation import access, services
from organisation.forms import MergeForm, unit_form_class
from organisation.models import Department
from svsupport.lib.roles import network_coordinator_required

PAGE_SIZE = 50


def kind_of(model):
    return "departments" if model is Department else "sites"


def page_context(model, **extra):
    return {"model": model, "kind": kind_of(model), "meta": model._meta, **extra}


@network_coordinator_required
@require_GET
def unit_list(request, model):
    units = (
        model.objects.current()
        .annotate(peer_count=Count("peers", distinct=True))
        .prefetch_related(Prefetch("aliases", queryset=model.alias_model().objects.all()))
        .in_name_order("confirmed")  # the unconfirmed first: they need the coordinators
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organisation/list.html", page_context(model, page=page))


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def unit_add(request, model):
    form = unit_form_class(model)(request.POST or None)
    if form.is_valid():
        unit = form.save()
        messages.success(request, _("Added: %(name)s.") % {"name": unit.name})
        return redirect("organisation:list", model=model)
    return render(request, "organisation/add.html", page_context(model, form=form))


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, model, pk):
    unit = access.get_unit(model, pk)
    form = unit_form_class(model)(request.POST or None, instance=unit)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("organisation:edit", model=model, pk=unit.pk)
    context = page_context(model, unit=unit, form=form, merge_form=MergeForm(source=unit))
    return render(request, "organisation/edit.html", context)


@network_coordinator_required
@require_POST
def unit_confirm(request, model, pk):
    unit = access.get_unit(model, pk)
    unit.confirm()
    messages.success(request, _("Confirmed: %(name)s.") % {"name": unit.name})
    return redirect("organisation:list", model=model)


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def unit_merge(request, model, pk):
    unit = access.get_unit(model, pk)
    form = MergeForm(request.POST or None, source=unit)
    if form.is_valid():
        target = services.unit_merge(source=unit, target=form.cleaned_data["target"])
        messages.success(
            request,
            _("“%(source)s” is merged into “%(target)s” and kept as one of its names.")
            % {"source": unit.name, "target": target.name},
        )
        return redirect("organisation:edit", model=model, pk=target.pk)
    return render(request, "organisation/merge.html", page_context(model, unit=unit, form=form))
