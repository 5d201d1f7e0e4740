from django.utils.functional import SimpleLazyObject

from resources.models import Hotline


def hotlines(request):
    """The 24/7 lines for the footer of every page: one query, only when a page shows it.
    Pages rendered without a request (the 500 and 503 pages) get the template's own text."""
    return {"hotlines_24_7": SimpleLazyObject(lambda: list(Hotline.objects.active()))}
