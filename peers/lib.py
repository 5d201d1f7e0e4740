"""Small helpers of the peers views."""

import segno
from auditlog.models import LogEntry


def directory_qr_svg(link):
    """A QR code pointing to the directory, as an SVG data URI (no inline markup, so the
    CSP needs nothing but img-src data:)."""
    return segno.make(link, error="m").svg_data_uri(scale=4, border=2)


def audit_history(peer):
    """Every audit-log entry about the peer's own record, newest first."""
    return LogEntry.objects.get_for_object(peer).select_related("actor").order_by("-timestamp")
