"""What hospital IT watches: the clock's heartbeat, liveness and readiness, metrics."""
