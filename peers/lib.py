"""Small helpers of the peers views."""

import segno
from auditlog.models import LogEntry
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from organisation.models import Department, Site
from peers.models import PeerLanguage, Profession, SpokenLanguage, Status, translated_labels


def directory_qr_svg(link):
    """A QR code pointing to the directory, as an SVG data URI (no inline markup, so the
    CSP needs nothing but img-src data:)."""
    return segno.make(link, error="m").svg_data_uri(scale=4, border=2)


def audit_history(peer):
    """Every audit-log entry about the peer's own record, newest first."""
    return LogEntry.objects.get_for_object(peer).select_related("actor").order_by("-timestamp")


def language_codes():
    """The codes of the languages a peer speaks, in code order, as one array column: a long
    list reads them with the peers instead of prefetching a row per language."""
    codes = PeerLanguage.objects.filter(peer=OuterRef("pk")).order_by("code").values("code")
    return ArraySubquery(codes)


class ListLabels:
    """Every label a long list of peers shows (an export, a printed sheet), translated into
    the active language once for the whole list rather than once per cell."""

    def __init__(self):
        self.departments = {unit.pk: str(unit) for unit in Department.objects.all()}
        self.sites = {unit.pk: str(unit) for unit in Site.objects.all()}
        self.professions = translated_labels(Profession)
        self.statuses = translated_labels(Status)
        self.languages = translated_labels(SpokenLanguage)

    def profession(self, value):
        return self.professions.get(value, value)

    def status(self, value):
        return self.statuses.get(value, value)

    def languages_of(self, codes):
        return ", ".join(self.languages.get(code, code) for code in codes)
