"""gunicorn settings, read from the working directory by `gunicorn` (the image, make run):
its own messages (master and workers) as the app's JSON lines with UTC timestamps. The
access log is off: the app writes one line a request with its request id instead."""

accesslog = None
# No runtime control socket (gunicornc): nothing to manage there, and the image's /app is
# read-only for the app's user.
control_socket_disable = True
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "svsupport.lib.logging.JsonLineFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
