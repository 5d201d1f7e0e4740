import http.client

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations import health


def probe_host():
    """A host name the production ALLOWED_HOSTS accepts (a wildcard entry gives localhost)."""
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


class Command(BaseCommand):
    help = (
        "Exit 0 when healthy, 1 otherwise (container health checks). --http HOST:PORT asks "
        "the running gunicorn's /health/live with an allowed host name and, under HTTPS=true, "
        "the proxy's X-Forwarded-Proto, so production settings accept it; --clock checks the "
        "clock's last run; without an option, the readiness checks run in this process."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--http", metavar="HOST:PORT")
        group.add_argument("--clock", action="store_true")

    def handle(self, *args, http=None, clock=False, **options):
        if http:
            self.check_http(http)
        elif clock:
            if not health.clock():
                raise CommandError(
                    f"clock failing: no run finished in {settings.CLOCK_STALE_MINUTES} minutes"
                )
        else:
            failed = health.failing(health.READINESS)
            if failed:
                raise CommandError(f"failing: {', '.join(failed)}")
        self.stdout.write("ok")

    def check_http(self, address):
        host, _, port = address.rpartition(":")
        headers = {"Host": probe_host()}
        if settings.HTTPS:
            headers["X-Forwarded-Proto"] = "https"
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        try:
            connection.request("GET", "/health/live", headers=headers)
            status = connection.getresponse().status
        except OSError as error:
            raise CommandError(f"no answer from {address}: {error}") from error
        finally:
            connection.close()
        if status != 200:
            raise CommandError(f"/health/live answered {status}")
