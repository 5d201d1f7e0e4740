from django import template
from django.utils.translation import get_language

from resources.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown written by coordinators, as sanitised HTML."""
    return render_markdown(text)


@register.filter
def localized(record):
    """The record's text in the reader's language, or in the other one when missing."""
    return record.localized(get_language())


@register.filter
def draft_in(record, language):
    """The draft text of a page or story in one language, for the preview."""
    return record.localized(language, prefix="draft_")
