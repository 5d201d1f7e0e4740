"""Offers the defaults of a newer release to an installation that already has content."""

from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from resources import defaults


class Command(BaseCommand):
    help = (
        "Bring the default pathway content of this release into an existing installation "
        "without overwriting what the coordinators edited: missing pages, 24/7 lines and "
        "policy documents are added; a page whose text differs from the new default gets it "
        "in its draft, to review and publish or discard (its published text is never touched, "
        "and a draft in progress is kept). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")

    def handle(self, dry_run=False, **options):
        now = timezone.now()
        with transaction.atomic():
            summary = update_default_content(now)
            if dry_run:
                transaction.set_rollback(True)
        for line in summary["details"]:
            self.stdout.write(line)
        prefix = "dry run, nothing written: " if dry_run else ""
        pages = summary["pages"]
        self.stdout.write(
            f"update_default_content: {prefix}pages {pages['created']} added, "
            f"{pages['offered']} offered as drafts, {pages['kept']} kept (draft in progress), "
            f"{pages['unchanged']} unchanged; {summary['hotlines']} 24/7 line(s) and "
            f"{summary['policies']} policy document(s) added."
        )


def update_default_content(now):
    def get_model(name):
        return apps.get_model("resources", name)

    details = []
    pages = Counter(created=0, offered=0, kept=0, unchanged=0)
    created = defaults.install_pages(get_model, now)
    pages["created"] = len(created)
    details += [f"page {slug}: added" for slug in created]
    known = {entry["slug"] for entry in defaults.index()["pages"]} - set(created)
    for page in get_model("Page").objects.filter(slug__in=known).order_by("section", "position"):
        outcome = defaults.offer_page_update(page, now)
        pages[outcome] += 1
        if outcome != "unchanged":
            details.append(f"page {page.slug}: {outcome}")
    hotlines = defaults.install_hotlines(get_model, now)
    policies = defaults.install_policies(get_model, now)
    details += [f"24/7 line {name}: added" for name in hotlines]
    details += [f"policy {slug}: added" for slug in policies]
    return {
        "pages": pages,
        "hotlines": len(hotlines),
        "policies": len(policies),
        "details": details,
    }
