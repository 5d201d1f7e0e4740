"""The Django admin is IT support's tool, and IT support must not learn who asked for help.

No model of this app is registered. django-auditlog's own LogEntry admin is replaced by one
that leaves out every entry about a request or its offers, meetings, escalations and
follow-ups: their actors are the requester and the peer. The trail stays complete in the
database; a privacy officer reads the trail of one request at a time (`requests:trail`),
and that read is itself audited.
"""

from auditlog import get_logentry_model
from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.http import Http404

from support_requests.apps import SupportRequestsConfig

LogEntry = get_logentry_model()


def without_request_entries(queryset):
    return queryset.exclude(content_type__app_label=SupportRequestsConfig.label)


class ConfidentialLogEntryAdmin(LogEntryAdmin):
    def get_queryset(self, request):
        return without_request_entries(super().get_queryset(request))

    def _hidden_or_unknown(self, request, object_id):
        # A hidden entry is answered like an id that does not exist, never with a redirect
        # that would tell the two apart.
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._hidden_or_unknown(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._hidden_or_unknown(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._hidden_or_unknown(request, object_id)
        return super().delete_view(request, object_id, extra_context)


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ConfidentialLogEntryAdmin)
