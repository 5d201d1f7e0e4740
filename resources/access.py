"""Who may read or edit which piece of content. Editing views are also wrapped in
`coordinator_required`, so these helpers only decide whether the object exists for the user."""

from django.shortcuts import get_object_or_404

from organisation.models import Site
from resources.models import Hotline, Page, PageOverride, PolicyDocument, PolicyVersion, Story
from svsupport.lib import roles


def get_page_for_user(slug):
    """The published page, or Http404 (a page never published does not exist for readers,
    coordinators included: they preview it as a draft)."""
    return get_object_or_404(Page.objects.published(), slug=slug)


def get_page_for_editor(slug):
    """Any page, published or not, for a coordinator."""
    return get_object_or_404(Page, slug=slug)


def get_story_for_user(pk):
    return get_object_or_404(Story.objects.published(), pk=pk)


def get_story_for_editor(pk):
    return get_object_or_404(Story, pk=pk)


def get_hotline_for_editor(pk):
    return get_object_or_404(Hotline, pk=pk)


def get_policy_for_user(user, slug):
    """A document with at least one published version; coordinators also get documents
    that have only a draft so far."""
    return get_object_or_404(PolicyDocument.objects.visible_to(user), slug=slug)


def get_policy_version_for_user(user, slug, number):
    """A published version; for coordinators, a draft version too (their preview)."""
    return get_object_or_404(
        PolicyVersion.objects.visible_to(user).select_related("document"),
        document__slug=slug,
        number=number,
    )


def get_draft_version_for_editor(slug, number):
    """A version that can still be edited or published: published versions never change."""
    return get_object_or_404(
        PolicyVersion.objects.select_related("document"),
        document__slug=slug,
        number=number,
        status=PolicyVersion.Status.DRAFT,
    )


def get_policy_for_editor(slug):
    return get_object_or_404(PolicyDocument, slug=slug)


def get_override_for_editor(user, slug, site_code):
    """The site's version of page `slug` (a new, unsaved one if the site has none yet), for
    a coordinator of that site; another site's is a 404, like an unknown page or site."""
    scope = roles.site_scope(user, roles.COORDINATOR)
    sites = Site.objects.current().filter(roles.scope_filter(scope, "pk")) if scope else None
    site = get_object_or_404(sites if sites is not None else Site.objects.none(), code=site_code)
    page = get_object_or_404(Page, slug=slug)
    override = PageOverride.objects.filter(page=page, site=site).first()
    if override is None:
        override = PageOverride(page=page, site=site)
        for field in override._pairs():
            setattr(override, f"draft_{field}", getattr(page, field))
    return override
