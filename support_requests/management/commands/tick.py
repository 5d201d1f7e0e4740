from django.core.management.base import BaseCommand, CommandError

from support_requests.clock import tick


class Command(BaseCommand):
    help = (
        "Run the support-request clock once: pass lapsed offers to the next peer or to the "
        "coordinators, remind peers halfway through their window, send due follow-ups, purge "
        "requests past the retention period, send the queued e-mails (a refused one is retried "
        "later). Each step runs even if another fails; the exit status is 1 if one failed. "
        "Idempotent and safe to run on several servers at once; schedule it every minute "
        "(README)."
    )

    def handle(self, *args, **options):
        report = tick()
        self.stdout.write(f"tick: {report}.")
        if report.failed:
            raise CommandError(f"step(s) failed: {', '.join(report.failed)} (see the log)")
