"""Background jobs say when they finish a run; whoever watches them listens. The clock
(support_requests) sends, operations records the heartbeat its readiness check and metrics
read: neither app imports the other, and the core knows neither."""

from django.dispatch import Signal

CLOCK = "clock"  # the job `manage.py tick` runs

# Sent with `name=` the job's name, once a run is over (failed steps included: they are
# reported on their own).
run_finished = Signal()
