"""The support pathway: reading pages for everybody, editing pages for the Quality and
Risk Office (coordinators)."""

import segno
from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Case, Max, Prefetch, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.models import Site, staff_site_and_department
from peers import services as peer_services
from resources import access, forms
from resources.models import (
    HELP_SLUG,
    ORGANISATION_SLUG,
    PATHWAY_SLUG,
    PEER_STAGE_SLUG,
    Hotline,
    Page,
    PageOverride,
    PolicyDocument,
    PolicyVersion,
    Story,
)
from svsupport.lib.roles import (
    ALL_SITES,
    COORDINATOR,
    coordinator_required,
    network_coordinator_required,
    scope_filter,
    site_scope,
)
from svsupport.lib.text import fold

PER_PAGE = 20
HISTORY_PER_PAGE = 30


def paginate(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


# Reading -----------------------------------------------------------------------------


def reader_overrides(user):
    """{page id: override} of the published versions of the reader's site; one query."""
    mine = PageOverride.objects.published().filter(site__profiles__user=user)
    return {override.page_id: override for override in mine.select_related("site")}


@require_GET
def pathway(request):
    pages = list(Page.objects.published())
    landing = next((page for page in pages if page.slug == PATHWAY_SLUG), None)
    overrides = reader_overrides(request.user) if landing else {}
    return render(
        request,
        "resources/pathway.html",
        {
            "landing": overrides.get(landing.pk, landing) if landing else None,
            "steps": [page for page in pages if page.section == Page.Section.PATHWAY],
            "guidance": [page for page in pages if page.section == Page.Section.GUIDANCE],
            "search_form": forms.SearchForm(),
        },
    )


@require_GET
def page(request, slug):
    page = access.get_page_for_user(slug)
    if page.slug == PATHWAY_SLUG:
        return redirect("resources:pathway")
    # Whole rows: the links show each sibling's title in the reader's language, and
    # deferring the other columns would cost a query per link.
    siblings = list(Page.objects.published().filter(section=page.section))
    index = next(number for number, sibling in enumerate(siblings) if sibling.pk == page.pk)
    override = reader_overrides(request.user).get(page.pk)
    return render(
        request,
        "resources/page.html",
        {
            "page": page,
            "override": override,
            "text": (override or page).localized(get_language()),
            "previous_page": siblings[index - 1] if index > 0 else None,
            "next_page": siblings[index + 1] if index + 1 < len(siblings) else None,
            **special_blocks(page),
        },
    )


def special_blocks(page):
    """What some pages show besides their text: the lines, the peer links, the checklist."""
    return {
        "show_hotlines": page.slug == HELP_SLUG,
        "show_peer_links": page.slug == PEER_STAGE_SLUG,
        "show_self_assessment": page.slug == ORGANISATION_SLUG,
    }


@require_GET
def search(request):
    form = forms.SearchForm(request.GET or None)
    terms = form.terms()
    results = Page.objects.none()
    if terms:
        results = Page.objects.published()
        for term in terms:
            # fold() on both sides: accent- and case-insensitive on SQLite and PostgreSQL.
            # `contains` escapes % and _, so they match literally.
            results = results.filter(search_text__contains=fold(term))
    return render(
        request,
        "resources/search.html",
        {"form": form, "terms": terms, "page_obj": paginate(request, results)},
    )


@require_GET
def poster(request):
    """The A4 poster of one site (?site=CODE, the reader's own by default): the steps in
    that site's versions."""
    if request.GET.get("site"):
        site = get_object_or_404(Site.objects.current(), code=request.GET["site"])
    else:
        site, _department = staff_site_and_department(request.user)
    overrides = {item.page_id: item for item in PageOverride.objects.for_reader(site)}
    pages = list(Page.objects.published().filter(section=Page.Section.PATHWAY))
    pathway_url = request.build_absolute_uri(reverse("resources:pathway"))
    return render(
        request,
        "resources/poster.html",
        {
            "site": site,
            "steps": [overrides.get(page.pk, page) for page in pages],
            "hotlines": list(Hotline.objects.active()),
            "pathway_url": pathway_url,
            "qr_svg": qr_code_svg(pathway_url),
        },
    )


def qr_code_svg(url):
    """The QR code as inline SVG. segno builds it from the address alone (no user text
    goes in) and uses no style attribute, which the CSP would refuse."""
    title = _("QR code of the pathway's address")
    svg = segno.make(url, error="m").svg_inline(scale=4, title=title)
    return mark_safe(svg)  # noqa: S308


@require_GET
def self_assessment(request):
    return render(
        request,
        "resources/self_assessment.html",
        {"form": forms.JustCultureSelfAssessmentForm(auto_id="answer_%s")},
    )


@require_GET
def stories(request):
    return render(
        request,
        "resources/stories.html",
        {"page_obj": paginate(request, Story.objects.published())},
    )


@require_GET
def story(request, pk):
    story = access.get_story_for_user(pk)
    return render(
        request, "resources/story.html", {"story": story, "text": story.localized(get_language())}
    )


@require_GET
def policies(request):
    published = PolicyVersion.objects.published().order_by("-number")
    documents = PolicyDocument.objects.prefetch_related(
        Prefetch("versions", queryset=published, to_attr="published_versions")
    )
    return render(request, "resources/policies.html", {"page_obj": paginate(request, documents)})


@require_GET
def policy(request, slug):
    document = access.get_policy_for_user(request.user, slug)
    versions = document.versions.visible_to(request.user).order_by("-number")
    page_obj = paginate(request, versions)
    current = document.current_version()
    return render(
        request,
        "resources/policy.html",
        {
            "document": document,
            "current": current,
            "text": current.localized(get_language()) if current else None,
            "page_obj": page_obj,
        },
    )


@require_GET
def policy_version(request, slug, number):
    version = access.get_policy_version_for_user(request.user, slug, number)
    is_charter_draft = version.is_draft and version.document.kind == PolicyDocument.Kind.CHARTER
    return render(
        request,
        "resources/policy_version.html",
        {
            "version": version,
            "text": version.localized(get_language()),
            # Told before publishing: who must sign again, and until when they stay listed.
            "charter_impact": peer_services.charter_impact() if is_charter_draft else None,
        },
    )


# Editing: pages ------------------------------------------------------------------------


@coordinator_required
@require_GET
def manage(request):
    """Every page, and which of the coordinator's sites have their own version of it.
    Network coordinators edit the pages; each site's coordinators its versions."""
    scope = site_scope(request.user, COORDINATOR)
    # In the order staff meet them: introduction, the steps, then the guidance.
    section_order = Case(
        *[When(section=value, then=rank) for rank, value in enumerate(Page.Section.values)]
    )
    in_scope = PageOverride.objects.filter(scope_filter(scope)).select_related("site")
    pages = Page.objects.order_by(section_order, "position", "slug").prefetch_related(
        Prefetch("overrides", queryset=in_scope, to_attr="site_versions")
    )
    sites = Site.objects.current().filter(scope_filter(scope, "pk")).in_name_order()
    return render(
        request,
        "resources/manage.html",
        {
            "page_obj": paginate(request, pages, 50),
            "network": scope is ALL_SITES,
            "my_sites": [] if scope is ALL_SITES else list(sites),
        },
    )


# Editing: a site's version of a page ----------------------------------------------------


@coordinator_required
@require_http_methods(["GET", "POST"])
def override_edit(request, slug, site):
    override = access.get_override_for_editor(request.user, slug, site)
    form = forms.PageOverrideForm(request.POST or None, instance=override)
    if form.is_valid():
        form.save()
        messages.success(request, _("Draft saved. Publish it when it is ready."))
        return redirect("resources:override_edit", slug=slug, site=site)
    return render(request, "resources/override_edit.html", {"override": override, "form": form})


@coordinator_required
@require_POST
def override_publish(request, slug, site):
    override = access.get_override_for_editor(request.user, slug, site)
    if override.pk is None:
        raise Http404  # nothing drafted yet: no version to publish
    override.publish()
    messages.success(request, _("Published: the staff of this site now read this version."))
    return redirect("resources:override_edit", slug=slug, site=site)


@coordinator_required
@require_POST
def override_delete(request, slug, site):
    override = access.get_override_for_editor(request.user, slug, site)
    if override.pk is None:
        raise Http404
    override.delete()
    messages.success(request, _("Removed: the staff of this site read the network's page again."))
    return redirect("resources:manage")


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def page_edit(request, slug):
    page = access.get_page_for_editor(slug)
    form = forms.PageForm(request.POST or None, instance=page)
    if form.is_valid():
        form.save()
        messages.success(request, _("Draft saved. Check it below, then publish it."))
        return redirect("resources:page_draft", slug=page.slug)
    return render(request, "resources/page_edit.html", {"page": page, "form": form})


@network_coordinator_required
@require_GET
def page_draft(request, slug):
    page = access.get_page_for_editor(slug)
    return render(
        request,
        "resources/page_draft.html",
        {
            "page": page,
            "warnings": page.translation_warnings(prefix="draft_"),
            **special_blocks(page),
        },
    )


@network_coordinator_required
@require_POST
def page_publish(request, slug):
    page = access.get_page_for_editor(slug)
    page.publish()
    messages.success(request, _("Published: staff now read this version."))
    return redirect(page)


@network_coordinator_required
@require_POST
def page_discard(request, slug):
    page = access.get_page_for_editor(slug)
    page.discard_draft()
    messages.success(request, _("Draft discarded: it is the published text again."))
    return redirect("resources:page_draft", slug=page.slug)


@network_coordinator_required
@require_GET
def page_history(request, slug):
    page = access.get_page_for_editor(slug)
    back = reverse("resources:page_draft", kwargs={"slug": page.slug})
    return history(request, str(page), LogEntry.objects.get_for_object(page), back)


def history(request, title, entries, back_to):
    entries = entries.select_related("actor", "content_type").order_by("-timestamp")
    return render(
        request,
        "resources/history.html",
        {"title": title, "page_obj": paginate(request, entries, HISTORY_PER_PAGE), "back": back_to},
    )


# Editing: stories ----------------------------------------------------------------------


@network_coordinator_required
@require_GET
def manage_stories(request):
    return render(
        request,
        "resources/manage_stories.html",
        {"page_obj": paginate(request, Story.objects.all())},
    )


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def story_create(request):
    form = forms.StoryForm(request.POST or None)
    if form.is_valid():
        story = form.save()
        messages.success(request, _("Draft saved. Check it below, then publish it."))
        return redirect("resources:story_draft", pk=story.pk)
    return render(request, "resources/story_create.html", {"form": form})


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = access.get_story_for_editor(pk)
    form = forms.StoryForm(request.POST or None, instance=story)
    if form.is_valid():
        form.save()
        messages.success(request, _("Draft saved. Check it below, then publish it."))
        return redirect("resources:story_draft", pk=story.pk)
    return render(request, "resources/story_edit.html", {"story": story, "form": form})


@network_coordinator_required
@require_GET
def story_draft(request, pk):
    story = access.get_story_for_editor(pk)
    return render(
        request,
        "resources/story_draft.html",
        {"story": story, "warnings": story.translation_warnings(prefix="draft_")},
    )


@network_coordinator_required
@require_POST
def story_publish(request, pk):
    story = access.get_story_for_editor(pk)
    story.publish()
    messages.success(request, _("Published: staff now read this version."))
    return redirect(story)


@network_coordinator_required
@require_POST
def story_withdraw(request, pk):
    story = access.get_story_for_editor(pk)
    story.withdraw()
    messages.success(request, _("Withdrawn: staff no longer see this story."))
    return redirect("resources:manage_stories")


@network_coordinator_required
@require_GET
def story_history(request, pk):
    story = access.get_story_for_editor(pk)
    back = reverse("resources:story_draft", kwargs={"pk": story.pk})
    return history(request, str(story), LogEntry.objects.get_for_object(story), back)


# Editing: 24/7 lines -------------------------------------------------------------------


@network_coordinator_required
@require_GET
def hotlines(request):
    return render(
        request, "resources/hotlines.html", {"page_obj": paginate(request, Hotline.objects.all())}
    )


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def hotline_create(request):
    form = forms.HotlineForm(request.POST or None)
    if form.is_valid():
        form.save()
        messages.success(request, _("The line is saved and shown on every page."))
        return redirect("resources:hotlines")
    return render(request, "resources/hotline_create.html", {"form": form})


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def hotline_edit(request, pk):
    hotline = access.get_hotline_for_editor(pk)
    form = forms.HotlineForm(request.POST or None, instance=hotline)
    if form.is_valid():
        form.save()
        messages.success(request, _("The line is saved."))
        return redirect("resources:hotlines")
    return render(
        request,
        "resources/hotline_edit.html",
        {"hotline": hotline, "form": form, "warnings": hotline.translation_warnings()},
    )


@network_coordinator_required
@require_GET
def hotline_history(request, pk):
    hotline = access.get_hotline_for_editor(pk)
    back = reverse("resources:hotline_edit", kwargs={"pk": hotline.pk})
    return history(request, str(hotline), LogEntry.objects.get_for_object(hotline), back)


# Editing: policy documents -------------------------------------------------------------


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def policy_create(request):
    form = forms.PolicyDocumentForm(request.POST or None)
    if form.is_valid():
        document = form.save()
        messages.success(request, _("Document created. Write its first version."))
        return redirect(document)
    return render(request, "resources/policy_create.html", {"form": form})


@network_coordinator_required
@require_POST
def policy_version_create(request, slug):
    document = access.get_policy_for_editor(slug)
    draft = document.versions.filter(status=PolicyVersion.Status.DRAFT).first()
    if draft is None:
        current = document.current_version()
        number = (document.versions.aggregate(Max("number"))["number__max"] or 0) + 1
        draft = document.versions.create(
            number=number,
            effective_date=timezone.localdate(),
            body_en=current.body_en if current else "",
            body_fr=current.body_fr if current else "",
            en_changed_at=current.en_changed_at if current else None,
            fr_changed_at=current.fr_changed_at if current else None,
        )
    return redirect("resources:policy_version_edit", slug=document.slug, number=draft.number)


@network_coordinator_required
@require_http_methods(["GET", "POST"])
def policy_version_edit(request, slug, number):
    version = access.get_draft_version_for_editor(slug, number)
    form = forms.PolicyVersionForm(request.POST or None, instance=version)
    if form.is_valid():
        form.save()
        messages.success(request, _("Draft saved. Check it below, then publish it."))
        return redirect(version)
    return render(
        request,
        "resources/policy_version_edit.html",
        {"version": version, "form": form, "warnings": version.translation_warnings()},
    )


@network_coordinator_required
@require_POST
def policy_version_publish(request, slug, number):
    version = access.get_draft_version_for_editor(slug, number)
    if version.document.kind == PolicyDocument.Kind.CHARTER:
        peer_services.charter_publish(version=version)
        messages.success(
            request, _("Published: this version is now in force. The peers are asked to sign it.")
        )
    else:
        version.publish()
        messages.success(request, _("Published: this version is now in force."))
    return redirect(version.document)


@network_coordinator_required
@require_GET
def policy_history(request, slug):
    document = access.get_policy_for_editor(slug)
    version_ids = list(document.versions.values_list("pk", flat=True))
    entries = LogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(PolicyDocument), object_id=document.pk)
        | Q(
            content_type=ContentType.objects.get_for_model(PolicyVersion), object_id__in=version_ids
        )
    )
    return history(request, str(document), entries, document.get_absolute_url())
