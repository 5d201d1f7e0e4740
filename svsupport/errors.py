"""Error pages. The 500 page gets no request context on purpose: whatever failed (the
database, a context processor) must not fail again while the apology renders."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(render_to_string("500.html"))
