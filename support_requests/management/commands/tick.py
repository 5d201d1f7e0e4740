from django.core.management.base import BaseCommand

from support_requests.clock import tick


class Command(BaseCommand):
    help = (
        "Run the support-request clock once: pass lapsed offers to the next peer or to the "
        "coordinators, remind peers halfway through their window, send due follow-ups, purge "
        "requests past the retention period. Idempotent and safe to run on several servers at "
        "once; schedule it every minute (README)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"tick: {tick()}.")
