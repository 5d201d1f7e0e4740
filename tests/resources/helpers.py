"""Plain helpers for the resources tests."""

from auditlog.models import LogEntry

from resources.models import Page, Story


def make_page(
    slug, section=Page.Section.GUIDANCE, position=50, title="Title", body="Body", **extra
):
    """A published page with the same text in the draft, English and French."""
    page = Page.objects.create(
        slug=slug,
        section=section,
        position=position,
        draft_title_en=extra.pop("title_en", title),
        draft_title_fr=extra.pop("title_fr", f"{title} (fr)"),
        draft_body_en=extra.pop("body_en", body),
        draft_body_fr=extra.pop("body_fr", f"{body} (fr)"),
        **extra,
    )
    page.publish()
    return page


def make_story(title="A story", body="What happened.", **extra):
    story = Story.objects.create(
        draft_title_en=title, draft_title_fr=f"{title} (fr)", draft_body_en=body, draft_body_fr=body
    )
    story.publish()
    return story


def audit_entries(instance, actor=None):
    entries = LogEntry.objects.get_for_object(instance)
    return entries.filter(actor=actor) if actor else entries
